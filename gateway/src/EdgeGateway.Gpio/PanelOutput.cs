namespace EdgeGateway.Gpio;

internal enum PanelOutput
{
    Siren,
    Green,
    Amber,
    Red,
}
