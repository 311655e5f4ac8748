using System.Globalization;
using System.Text;

namespace RealtimeAsr.Server;

/// <summary>Writes a transcript's segments as SubRip (<c>srt</c>) or WebVTT (<c>vtt</c>) cues.</summary>
public static class SubtitleWriter
{
    /// <summary>SubRip: numbered cues, <c>00:00:01,500 --> 00:00:03,250</c>.</summary>
    public static string ToSrt(IReadOnlyList<TranscriptSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var text = new StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}\n{Time(segments[i].Start, ',')} --> {Time(segments[i].End, ',')}\n{segments[i].Text}\n\n");
        }

        return text.ToString();
    }

    /// <summary>WebVTT: a <c>WEBVTT</c> header, then <c>00:00:01.500 --> 00:00:03.250</c> cues.</summary>
    public static string ToVtt(IReadOnlyList<TranscriptSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var text = new StringBuilder("WEBVTT\n\n");
        foreach (var segment in segments)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Time(segment.Start, '.')} --> {Time(segment.End, '.')}\n{segment.Text}\n\n");
        }

        return text.ToString();
    }

    private static string Time(TimeSpan time, char separator) => string.Create(CultureInfo.InvariantCulture,
        $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}{separator}{time.Milliseconds:000}");
}
