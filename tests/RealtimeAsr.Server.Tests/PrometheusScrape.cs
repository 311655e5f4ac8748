using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// One scrape of a Prometheus text endpoint, read as a Prometheus server would: every sample line as a metric name,
/// its labels and its value.
/// </summary>
public sealed partial class PrometheusScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"Not a Prometheus sample line: '{line}'");
            var labels = LabelPair().Matches(sample.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            _samples.Add((sample.Groups["name"].Value, labels, ParseValue(sample.Groups["value"].Value)));
        }
    }

    /// <summary>The response body as received.</summary>
    public string Text { get; }

    /// <summary>Scrapes <paramref name="path"/>; the response must be a 200 in the text exposition format.</summary>
    public static async Task<PrometheusScrape> GetAsync(Uri server, string path = "/metrics", string? apiKey = null)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return new PrometheusScrape(body);
    }

    /// <summary>Whether a sample of metric <paramref name="name"/> exists (any labels).</summary>
    public bool Has(string name) => _samples.Exists(s => s.Name == name);

    /// <summary>
    /// The sum of the samples of metric <paramref name="name"/> whose labels include <paramref name="labels"/>
    /// (<c>name=value</c>); 0 when there are none.
    /// </summary>
    public double Sum(string name, params string[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => Matches(s.Labels, l))).Sum(s => s.Value);

    /// <summary>The samples of <paramref name="name"/> whose labels include <paramref name="labels"/>, with their labels.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> Samples(string name, params string[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => Matches(s.Labels, l)))
            .Select(s => ((IReadOnlyDictionary<string, string>)s.Labels, s.Value)).ToList();

    private static bool Matches(Dictionary<string, string> labels, string pair)
    {
        var (key, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        return labels.TryGetValue(key, out var actual) && actual == value;
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    // name{labels} value [timestamp]
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+-?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(\\.|[^"\\])*)",?""")]
    private static partial Regex LabelPair();
}
