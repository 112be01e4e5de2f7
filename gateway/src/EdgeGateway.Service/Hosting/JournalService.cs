using EdgeGateway.Core.History;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Service.Hosting;

/// <summary>Runs the <see cref="JournalRecorder"/>'s write loop for the life of the host (taken at construction, so it sees the first events).</summary>
internal sealed class JournalService : BackgroundService
{
    private readonly JournalRecorder _recorder;

    public JournalService(JournalRecorder recorder) => _recorder = recorder;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _recorder.RunAsync(stoppingToken);
}
