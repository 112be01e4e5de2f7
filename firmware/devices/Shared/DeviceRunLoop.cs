using System.Threading;
using EdgeGateway.Firmware.Core.Device;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// The main loop both devices share. Joining Wi-Fi and connecting MQTT block for seconds, so they get their own
    /// thread; the machine's timers (cancel hold, heartbeat, reader poll) run every 100 ms and never wait on the radio.
    /// </summary>
    public static class DeviceRunLoop
    {
        private const int RssiRefreshMs = 300000;

        public static void Run(DeviceMachine machine, WifiConnector wifi, Board board)
        {
            M2MqttLink link = board.Link;
            BoardSensors sensors = board.Sensors;
            DeviceClock clock = board.Clock;
            new Thread(() =>
            {
                long nextRssiMs = 0;
                while (true)
                {
                    if (!wifi.IsUp) wifi.TryConnect();
                    link.Poll(wifi.IsUp);
                    if (wifi.IsUp && clock.MonotonicMs >= nextRssiMs)
                    {
                        sensors.RefreshRssi();
                        nextRssiMs = clock.MonotonicMs + RssiRefreshMs;
                    }
                    Thread.Sleep(500);
                }
            }).Start();

            // The boot event waits in the outbox until the first connection, like any other event.
            machine.Start();
            while (true)
            {
                machine.Tick();
                Thread.Sleep(100);
            }
        }
    }
}
