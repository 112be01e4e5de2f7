namespace EdgeGateway.Simulator.Tests.Docs;

/// <summary>The README commands build and run programs (<c>dotnet run</c>); this collection runs on its own, not beside other tests.</summary>
[CollectionDefinition(nameof(RunnableReadmeCommandsTests), DisableParallelization = true)]
public sealed class RunsAlone;
