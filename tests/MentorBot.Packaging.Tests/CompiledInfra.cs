using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MentorBot.Testing;

namespace MentorBot.Packaging.Tests;

/// <summary>infra/main.bicep compiled once to an ARM template with the Bicep CLI, shared by a test class.</summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    internal ProcessResult Build { get; private set; } = null!;

    public static string MainBicep => Path.Combine(RepoPaths.Infra, "main.bicep");

    public JsonObject Template
    {
        get
        {
            Assert.True(Build.ExitCode == 0, Build.ToString());
            return JsonNode.Parse(Build.StandardOutput)!.AsObject();
        }
    }

    /// <summary>Every resource declared anywhere in the template, nested module templates included.</summary>
    public IReadOnlyList<JsonObject> Resources => Descendants(Template)
        .Where(o => o["type"] is JsonValue type && type.TryGetValue<string>(out _) && o["apiVersion"] is not null)
        .ToList();

    public IEnumerable<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Each role assignment as (role definition GUID, type of the resource it is scoped to), with the
    /// template variables it uses resolved.
    /// </summary>
    public IEnumerable<(string RoleId, string ScopeType)> RoleAssignments()
    {
        foreach (var template in Descendants(Template).Where(o => o["resources"] is JsonArray && o["$schema"] is not null))
        {
            var variables = template["variables"] as JsonObject;
            foreach (var resource in template["resources"]!.AsArray().OfType<JsonObject>().Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments"))
            {
                var definition = (string)resource["properties"]!["roleDefinitionId"]!;
                var roleId = Regex.Replace(definition, @"variables\('(\w+)'\)", m => $"'{(string?)variables?[m.Groups[1].Value]}'");
                var guid = Regex.Match(roleId, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Value;
                // Bicep writes `scope: vault` as "[resourceId('Microsoft.KeyVault/vaults', ...)]".
                var scope = (string?)resource["scope"] ?? string.Empty;
                var scopeType = Regex.Match(scope, @"resourceId\('([^']+)'").Groups[1].Value;
                yield return (guid, scopeType);
            }
        }
    }

    public async Task InitializeAsync() =>
        Build = await ToolProcess.RunAsync(RepoPaths.BicepExecutable(), ["build", MainBicep, "--stdout"]);

    public Task DisposeAsync() => Task.CompletedTask;

    private static IEnumerable<JsonObject> Descendants(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                {
                    foreach (var descendant in Descendants(child))
                    {
                        yield return descendant;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var descendant in Descendants(child))
                    {
                        yield return descendant;
                    }
                }

                break;
        }
    }
}
