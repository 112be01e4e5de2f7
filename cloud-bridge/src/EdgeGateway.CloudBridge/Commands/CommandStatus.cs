namespace EdgeGateway.CloudBridge.Commands;

/// <summary>How a cloud command ended; the values are the HTTP-style status a direct method answers with.</summary>
public enum CommandStatus
{
    Ok = 200,
    BadRequest = 400,
    NotFound = 404,
    Conflict = 409,
    Failed = 500,
    NotImplemented = 501,
}
