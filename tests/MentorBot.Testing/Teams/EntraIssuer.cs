namespace MentorBot.Testing;

/// <summary>The v2.0 issuer Entra ID writes into tokens of a tenant.</summary>
public static class EntraIssuer
{
    public static string For(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";
}
