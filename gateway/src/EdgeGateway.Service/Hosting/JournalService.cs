using EdgeGateway.Core.History;
using EdgeGateway.Core.Platform;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Service.Hosting;

/// <summary>
/// Runs the <see cref="JournalRecorder"/>'s write loop for the life of the host (taken at construction, so it sees the
/// first events) on a dedicated thread of low CPU priority (<see cref="Nice"/>): with the cores busy, ingest, the buffer
/// and the forwarder go first, and the journal catches up when they idle (or drops and counts, never delaying ingest).
/// </summary>
internal sealed class JournalService : BackgroundService
{
    /// <summary>The journal thread's nice value: it gets about a tenth of the share of a normal thread when both want a core.</summary>
    public const int Nice = 10;

    private readonly JournalRecorder _recorder;

    public JournalService(JournalRecorder recorder) => _recorder = recorder;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                LowPriority.ApplyToCurrentThread(Nice);
                _recorder.Run(stoppingToken);
                done.SetResult();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                done.SetException(ex); // the host logs a failed background service
            }
        })
        { IsBackground = true, Name = "history-journal" };
        thread.Start();
        return done.Task;
    }
}
