namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>The buzzer (a transistor-driven piezo on a PWM pin; a console line in the host build).</summary>
    public interface IBuzzer
    {
        void Play(BuzzerPattern pattern);
    }
}
