namespace EdgeGateway.Core.Debounce;

/// <summary>
/// The debounce windows in force, changeable while running (e.g. from an IoT Hub twin's desired properties).
/// Changing them never touches the buffer; only later events see the new windows.
/// </summary>
public interface IDebounceSettings
{
    DebounceOptions Current { get; }

    /// <summary>Validates and installs new windows; throws <see cref="ArgumentException"/> listing what is wrong.</summary>
    void Update(DebounceOptions options);
}
