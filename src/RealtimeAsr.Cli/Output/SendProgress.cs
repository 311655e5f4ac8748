namespace RealtimeAsr.Cli.Output;

/// <summary>Bytes of audio sent so far; written by the sending task, read by the display.</summary>
internal sealed class SendProgress : IProgress<long>
{
    private long _bytesSent;

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public void Report(long value) => Interlocked.Exchange(ref _bytesSent, value);
}
