using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeGateway.TestInfra;

/// <summary>An HTTP client of the console that logs in with the form, keeps its cookies and sends the anti-forgery token.</summary>
public sealed partial class ConsoleSession : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleSession(string baseUrl)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The anti-forgery token of the last page fetched.</summary>
    public string Csrf { get; private set; } = "";

    public HttpClient Http => _http;

    /// <summary>Posts the login form; returns the answer (302 to / when logged in).</summary>
    public async Task<HttpResponseMessage> LoginAsync(string name, string password)
    {
        Csrf = Token(await _http.GetStringAsync(new Uri("/login", UriKind.Relative)));
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = Csrf, ["name"] = name, ["password"] = password });
        var response = await _http.PostAsync(new Uri("/login", UriKind.Relative), form);
        if (response.StatusCode == HttpStatusCode.Redirect) Csrf = Token(await _http.GetStringAsync(new Uri("/", UriKind.Relative)));
        return response;
    }

    public async Task LoginOrFailAsync(string name, string password)
    {
        var response = await LoginAsync(name, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"login of {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Sends a request with the anti-forgery header (unless <paramref name="withCsrf"/> is false).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? json = null, bool withCsrf = true)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (withCsrf) request.Headers.Add("X-CSRF-TOKEN", Csrf);
        if (json is not null) request.Content = JsonContent.Create(json, json.GetType(), options: TestJson.Options);
        return _http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("no anti-forgery token in the page:\n" + html);

    [GeneratedRegex("name=\"csrf\" (?:value|content)=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => _http.Dispose();
}
