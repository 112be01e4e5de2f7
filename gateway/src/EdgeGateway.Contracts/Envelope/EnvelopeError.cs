namespace EdgeGateway.Contracts.Envelope;

/// <summary>Why an envelope was refused. The names are used as metric labels.</summary>
public enum EnvelopeError
{
    None = 0,
    Oversize,
    NotJson,
    NotAnObject,
    MissingField,
    BadField,
    UnknownVersion,
    UnknownType,
    DeviceMismatch,
    BadTopic,
}
