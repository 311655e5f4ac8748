using RealtimeAsr.Cli.Commands;
using RealtimeAsr.Cli.Evaluation;
using RealtimeAsr.Cli.Manifests;
using RealtimeAsr.Cli.Reports;

namespace RealtimeAsr.Cli.Measurement;

/// <summary>Evaluates every entry, <see cref="EvalRequest.Parallel"/> at a time; results keep the manifest's order.</summary>
internal sealed class EvalRunner(EvalRequest request, EvalProgress progress)
{
    /// <exception cref="EndpointFailureException">The endpoint refused or is unreachable; the other files were stopped.</exception>
    public async Task<IReadOnlyList<FileReport>> RunAsync(IReadOnlyList<ManifestEntry> entries, CancellationToken cancellationToken)
    {
        var evaluator = new FileEvaluator(request, new TranscriptScorer(request.Normalizer), progress);
        var results = new FileReport[entries.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        EndpointFailureException? failure = null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = request.Parallel, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, entries.Count), options, async (index, token) =>
            {
                try
                {
                    results[index] = await evaluator.EvaluateAsync(entries[index], token);
                }
                catch (EndpointFailureException exception)
                {
                    // The first refusal is the one to report; the files still running would only repeat it.
                    Interlocked.CompareExchange(ref failure, exception, null);
                    await stop.CancelAsync();
                }
            });
        }
        catch (OperationCanceledException) when (failure is not null && !cancellationToken.IsCancellationRequested)
        {
        }

        if (failure is not null)
        {
            throw failure;
        }

        return results;
    }
}
