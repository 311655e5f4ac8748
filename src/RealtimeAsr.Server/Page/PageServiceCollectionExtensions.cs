using RealtimeAsr.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the browser page's settings.</summary>
public static class PageServiceCollectionExtensions
{
    /// <summary>Binds <see cref="PageOptions"/> from <c>RealtimeAsr:Page</c> of <paramref name="realtimeAsrSection"/>.</summary>
    public static IServiceCollection AddRealtimeAsrPage(this IServiceCollection services, IConfiguration realtimeAsrSection)
    {
        services.AddOptions<PageOptions>().Bind(realtimeAsrSection.GetSection(PageOptions.SectionName));
        return services;
    }
}
