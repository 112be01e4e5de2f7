using System.CommandLine;
using EdgeGateway.Core.Operators;

namespace EdgeGateway.Cli;

/// <summary>
/// <c>edgegw operator add|list|passwd|remove|token</c>: the ward console's local accounts in the data directory's
/// <c>operators.json</c>. There is no default account. Passwords come from <c>--password-file</c> (created with a
/// random password, mode 600, when missing) or are typed at a hidden prompt (or one line on a piped stdin).
/// </summary>
internal static class OperatorCommands
{
    public static Command Create(Option<string> dataDir)
    {
        var name = new Argument<string>("name") { Description = "Operator name (1-32 of a-z 0-9 . _ -, starting with a letter)" };
        var role = new Option<string>("--role") { Description = "operator (alarms, ack), technician (+ device actions) or admin (+ operators, audit)", Required = true };
        var passwordFile = new Option<string?>("--password-file") { Description = "File holding the password; created with a random one (mode 600) if missing" };

        var add = new Command("add", "Add a console operator") { name, role, passwordFile };
        add.SetAction(p => Cli.Run(() =>
        {
            var parsed = Role(p.GetValue(role)!);
            var store = Store(p.GetValue(dataDir)!);
            var password = Password(p.GetValue(passwordFile));
            store.Add(p.GetValue(name)!, parsed, password);
            Console.WriteLine($"added operator {p.GetValue(name)} ({p.GetValue(role)}); the running console accepts them now");
            return 0;
        }));

        var list = new Command("list", "List console operators");
        list.SetAction(p => Cli.Run(() =>
        {
            var all = Store(p.GetValue(dataDir)!).List();
            if (all.Count == 0) Console.WriteLine("no operators; add one with: edgegw operator add NAME --role admin");
            foreach (var o in all)
                Console.WriteLine($"{o.Name,-32} {o.Role.ToString().ToLowerInvariant(),-10} created {o.Created:yyyy-MM-dd HH:mm}Z  api token: {(o.TokenHash is null ? "none" : "issued")}");
            return 0;
        }));

        var passwd = new Command("passwd", "Set an operator's password (their open sessions end)") { name, passwordFile };
        passwd.SetAction(p => Cli.Run(() =>
        {
            var store = Store(p.GetValue(dataDir)!);
            if (store.Find(p.GetValue(name)!) is null) throw new CliException($"no operator '{p.GetValue(name)}'");
            store.SetPassword(p.GetValue(name)!, Password(p.GetValue(passwordFile)));
            Console.WriteLine($"password of {p.GetValue(name)} changed; their open sessions end");
            return 0;
        }));

        var remove = new Command("remove", "Remove an operator (their sessions end at once)") { name };
        remove.SetAction(p => Cli.Run(() =>
        {
            Store(p.GetValue(dataDir)!).Remove(p.GetValue(name)!);
            Console.WriteLine($"removed operator {p.GetValue(name)}");
            return 0;
        }));

        var token = new Command("token", "Issue a new API token for an operator (the old one stops working); printed once") { name };
        token.SetAction(p => Cli.Run(() =>
        {
            Console.WriteLine(Store(p.GetValue(dataDir)!).IssueToken(p.GetValue(name)!));
            return 0;
        }));

        return new Command("operator", "Ward console operators: add, list, passwd, remove, token") { add, list, passwd, remove, token };
    }

    private static OperatorStore Store(string dataDirectory) => new(dataDirectory);

    private static OperatorRole Role(string text) => text switch
    {
        "operator" => OperatorRole.Operator,
        "technician" => OperatorRole.Technician,
        "admin" => OperatorRole.Admin,
        _ => throw new CliException($"--role '{text}' must be operator, technician or admin"),
    };

    private static string Password(string? file)
    {
        if (file is not null)
        {
            var existing = SecretFile.Read(file);
            if (existing is not null) return existing;
            var generated = OperatorPasswords.NewPassword();
            SecretFile.Create(file, generated);
            return generated;
        }
        if (Console.IsInputRedirected) return Console.In.ReadLine() ?? throw new CliException("no password on standard input");
        var first = Prompt("Password: ");
        if (Prompt("Again: ") != first) throw new CliException("the two passwords differ");
        return first;
    }

    private static string Prompt(string label)
    {
        Console.Write(label);
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.WriteLine();
        return text.ToString();
    }
}
