package dev.sourcegate.resolve.rules;

/**
 * A GetFile request after the repository URL was parsed and the inputs validated: owner/repo of the
 * request's repository, ref ("HEAD" when the request had none), and the profile's localPath, rootPath
 * (no leading or trailing slash, may be empty) and functionName.
 */
public record FileQuery(
    String owner, String repo, String ref, String localPath, String rootPath, String functionName) {}
