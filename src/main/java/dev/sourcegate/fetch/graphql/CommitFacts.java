package dev.sourcegate.fetch.graphql;

/**
 * What GetCommit tells about a commit, the same facts the REST commit gives: SHA, message, the git
 * author's date (UTC, as REST writes it), the commit's page, and the linked GitHub user's login and
 * avatar (both empty when the author is linked to no user).
 */
public record CommitFacts(String sha, String message, String date, String htmlUrl, String login, String avatarUrl) {}
