using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using RealtimeAsr.Server;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the browser page's files (<c>/</c>, <c>/app.js</c>, …) from the server assembly.</summary>
public static class PageApplicationBuilderExtensions
{
    /// <summary>
    /// Serves the files of <c>Page/wwwroot</c>, embedded in the server assembly (so the page travels with the binaries
    /// and the packed tool), with <c>index.html</c> at <c>/</c>, when <see cref="PageOptions.Enabled"/>; nothing otherwise.
    /// Every response carries <see cref="PageHeaders"/>.
    /// </summary>
    public static IApplicationBuilder UseRealtimeAsrPage(this IApplicationBuilder app)
    {
        var page = app.ApplicationServices.GetRequiredService<IOptions<PageOptions>>().Value;
        if (!page.Enabled)
        {
            return app;
        }

        var files = new ManifestEmbeddedFileProvider(typeof(PageOptions).Assembly, "Page/wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => PageHeaders.Apply(context.Context),
        });
        return app;
    }
}
