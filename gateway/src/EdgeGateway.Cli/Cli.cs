using EdgeGateway.Core.Operators;
using EdgeGateway.Core.Platform;
using EdgeGateway.Registry;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Cli;

/// <summary>Runs a command body and turns failures into one plain line on stderr and an exit code.</summary>
internal static class Cli
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliException ex)
        {
            Console.Error.WriteLine("edgegw: " + ex.Message);
            return 1;
        }
        catch (SqliteException ex)
        {
            Console.Error.WriteLine("edgegw: the registry could not be read or written: " + ex.Message);
            return 1;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine("edgegw: " + ex.Message);
            return 1;
        }
        catch (OperatorException ex)
        {
            Console.Error.WriteLine("edgegw: " + ex.Message);
            return 1;
        }
    }

    /// <summary>The same for an asynchronous body (cancellation by Ctrl-C exits with 130).</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception ex) when (ex is CliException or SqliteException or IOException)
        {
            return Run(() => throw ex);
        }
    }

    public static DeviceRegistry Registry(string dataDirectory)
    {
        try
        {
            // The technician may be first to create the data directory: owner-only, like the gateway keeps it.
            OwnerOnlyFiles.PrepareDirectory(dataDirectory);
            var registry = DeviceRegistry.Open(dataDirectory);
            OwnerOnlyFiles.PrepareDirectory(dataDirectory); // registry.db and its WAL, if Open just created them
            return registry;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot open the registry in {dataDirectory}: {ex.Message}");
        }
    }
}
