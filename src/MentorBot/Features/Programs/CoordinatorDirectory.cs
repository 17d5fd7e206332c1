using System.Collections.Concurrent;
using Microsoft.Graph;
using Microsoft.Graph.Users.Item.CheckMemberGroups;

namespace MentorBot.Features.Programs;

/// <summary>
/// Who is a coordinator: Entra object ids in configuration (to bootstrap a program) and the members of the
/// configured Entra security groups, checked through Graph (checkMemberGroups, transitive) and remembered briefly.
/// </summary>
public sealed class CoordinatorDirectory
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private readonly CoordinatorOptions _options;
    private readonly GraphServiceClient _graph;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (bool IsCoordinator, DateTimeOffset Until)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public CoordinatorDirectory(CoordinatorOptions options, GraphServiceClient graph, TimeProvider time)
    {
        _options = options;
        _graph = graph;
        _time = time;
    }

    public async Task<CoordinatorCheck> CheckAsync(string? userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return CoordinatorCheck.No;
        }

        if (_options.UserIds.Contains(userId))
        {
            return CoordinatorCheck.Yes;
        }

        if (_options.GroupIds.Count == 0)
        {
            return CoordinatorCheck.No;
        }

        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(userId, out var cached) && cached.Until > now)
        {
            return cached.IsCoordinator ? CoordinatorCheck.Yes : CoordinatorCheck.No;
        }

        try
        {
            var isCoordinator = await InAnyGroupAsync(userId, cancellationToken).ConfigureAwait(false);
            if (_cache.Count > 10_000)
            {
                _cache.Clear();
            }

            _cache[userId] = (isCoordinator, now + CacheFor);
            return isCoordinator ? CoordinatorCheck.Yes : CoordinatorCheck.No;
        }
        catch (Exception ex) when (ex is Microsoft.Kiota.Abstractions.ApiException or HttpRequestException or AggregateException)
        {
            // Fail closed, but say why: a person who is a coordinator should not be told they are not.
            return CoordinatorCheck.Unavailable;
        }
    }

    /// <summary>checkMemberGroups takes at most 20 group ids per call (graph-docs api/directoryobject-checkmembergroups.md), so larger lists go in chunks.</summary>
    private async Task<bool> InAnyGroupAsync(string userId, CancellationToken cancellationToken)
    {
        foreach (var chunk in _options.GroupIds.Chunk(20))
        {
            var response = await _graph.Users[userId].CheckMemberGroups.PostAsCheckMemberGroupsPostResponseAsync(
                new CheckMemberGroupsPostRequestBody { GroupIds = [.. chunk] }, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response?.Value?.Count > 0)
            {
                return true;
            }
        }

        return false;
    }
}

public enum CoordinatorCheck
{
    No,
    Yes,
    Unavailable,
}

/// <summary>Settings "Coordinators:UserIds" and "Coordinators:GroupIds" (Entra object ids).</summary>
public sealed class CoordinatorOptions
{
    public ISet<string> UserIds { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public ISet<string> GroupIds { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
