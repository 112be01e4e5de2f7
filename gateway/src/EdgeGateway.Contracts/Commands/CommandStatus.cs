namespace EdgeGateway.Contracts.Commands;

/// <summary>How a command ended; the values are the HTTP-style status a direct method (or the console's API) answers with.</summary>
public enum CommandStatus
{
    Ok = 200,

    /// <summary>Taken, not yet done: e.g. an ack queued for a device that is offline (delivered when it reconnects).</summary>
    Accepted = 202,
    BadRequest = 400,
    NotFound = 404,
    Conflict = 409,

    /// <summary>A bound was reached (e.g. the device's command queue is full); nothing was queued.</summary>
    TooManyRequests = 429,
    Failed = 500,
    NotImplemented = 501,

    /// <summary>A part of the gateway the command needs is not running (e.g. the broker during shutdown).</summary>
    Unavailable = 503,
}
