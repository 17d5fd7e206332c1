namespace MentorBot.Testing;

/// <summary>An app in the stand-in organisation's Teams app catalog.</summary>
/// <param name="Id">The catalog id (what installs bind to).</param>
/// <param name="ExternalId">The manifest id.</param>
public sealed record TeamsCatalogApp(string Id, string ExternalId, string DisplayName);
