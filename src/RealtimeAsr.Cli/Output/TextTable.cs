namespace RealtimeAsr.Cli.Output;

/// <summary>
/// A plain-text table: the first column left-aligned, the others right-aligned, two spaces between columns. No
/// control codes, so it reads the same in a terminal, a pipe or a log, and <c>awk</c> can take it apart.
/// </summary>
internal sealed class TextTable(params string[] header)
{
    private readonly List<string[]> _rows = [header];

    public void Add(params string[] cells)
    {
        if (cells.Length != header.Length)
        {
            throw new ArgumentException($"A row has {cells.Length} cells; the table has {header.Length} columns.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public async Task WriteAsync(TextWriter output)
    {
        var widths = Enumerable.Range(0, header.Length).Select(column => _rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in _rows)
        {
            var cells = row.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]));
            await output.WriteLineAsync(string.Join("  ", cells).TrimEnd());
        }
    }
}
