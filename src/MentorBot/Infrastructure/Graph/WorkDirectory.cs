using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace MentorBot.Infrastructure.Graph;

/// <summary>
/// A person's department, job title and office from the directory: user properties that <c>User.Read.All</c> (already
/// granted for registration) can read. <c>department</c> is not among the properties Graph returns by default, so
/// they are asked for with $select.
/// </summary>
public sealed class WorkDirectory
{
    private static readonly string[] Fields = ["id", "department", "jobTitle", "officeLocation"];

    private readonly GraphServiceClient _graph;

    public WorkDirectory(GraphServiceClient graph)
    {
        _graph = graph;
    }

    /// <summary>The three fields (each may be empty), or null when nobody has that id. Throws when Graph cannot be reached.</summary>
    public async Task<(string? Department, string? JobTitle, string? OfficeLocation)?> FindAsync(string personId, CancellationToken cancellationToken)
    {
        try
        {
            var user = await _graph.Users[personId].GetAsync(r => r.QueryParameters.Select = Fields, cancellationToken).ConfigureAwait(false);
            return user is null ? null : (Blank(user.Department), Blank(user.JobTitle), Blank(user.OfficeLocation));
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
