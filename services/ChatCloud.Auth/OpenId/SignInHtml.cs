using System.Text.Encodings.Web;

namespace ChatCloud.Auth.OpenId;

/// <summary>The sign-in page's markup. Every value is HTML-encoded; there is no script.</summary>
public static class SignInHtml
{
    public const string StylesheetPath = "/signin.css";

    public const string Stylesheet = """
        body { font-family: system-ui, sans-serif; background: #f4f5f7; display: grid; place-items: center; min-height: 100vh; margin: 0; }
        main { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 15%); width: min(22rem, 90vw); }
        label { display: block; margin-top: 1rem; }
        input { width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; }
        button { margin-top: 1.5rem; width: 100%; padding: .6rem; }
        .error { color: #a40000; }
        """;

    public static string Render(string returnUrl, string? name, string? error, string antiforgeryToken)
    {
        var html = HtmlEncoder.Default;
        var errorBlock = error is null ? "" : $"""<p class="error" role="alert">{html.Encode(error)}</p>""";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in to ChatCloud</title>
            <link rel="stylesheet" href="{StylesheetPath}">
            </head>
            <body>
            <main>
            <h1>Sign in to ChatCloud</h1>
            {errorBlock}
            <form method="post" action="{SignInPage.Path}">
            <input type="hidden" name="{SignInPage.AntiforgeryField}" value="{html.Encode(antiforgeryToken)}">
            <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl)}">
            <label>Account name <input name="name" autocomplete="username" required value="{html.Encode(name ?? "")}"></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button>
            </form>
            </main>
            </body>
            </html>
            """;
    }
}
