package dev.sourcegate.configloader;

import static dev.sourcegate.configloader.YamlErrorMessages.quote;

import dev.sourcegate.configloader.RawPyroscopeYaml.RawGitHub;
import dev.sourcegate.configloader.RawPyroscopeYaml.RawSource;
import dev.sourcegate.source.InvalidSourceInput;
import dev.sourcegate.source.MappingSource;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.RepoUrl;
import java.util.List;
import java.util.function.Supplier;

/** A mapping's source: exactly one of local (a path) or github (owner, repo, ref and path, all checked). */
final class MappingSourceParser {
  private MappingSourceParser() {}

  /** The source, or null after adding its problems to {@code errors}. */
  static MappingSource source(String where, RawSource raw, List<String> errors) {
    if (raw == null || (raw.local() == null && raw.github() == null)) {
      errors.add(where + ": needs one of local or github");
      return null;
    }
    if (raw.local() != null && raw.github() != null) {
      errors.add(where + ": has both local and github; give exactly one");
      return null;
    }
    int before = errors.size();
    if (raw.local() != null) {
      String path = guarded(errors, () -> PathGuard.checkControl(where + ".local.path", raw.local().path()));
      return errors.size() != before ? null : new MappingSource.Local(PathGuard.trimSlashes(path));
    }
    RawGitHub gh = raw.github();
    String at = where + ".github";
    String owner = required(at + ".owner", gh.owner(), errors);
    if (owner != null && !RepoUrl.isValidOwner(owner)) {
      errors.add(at + ".owner: " + quote(owner) + " is not a valid GitHub owner name");
    }
    String repo = required(at + ".repo", gh.repo(), errors);
    if (repo != null && !RepoUrl.isValidRepo(repo)) {
      errors.add(at + ".repo: " + quote(repo) + " is not a valid GitHub repository name");
    }
    String ref = required(at + ".ref", gh.ref(), errors);
    if (ref != null) {
      guarded(errors, () -> PathGuard.checkRef(at + ".ref", ref));
    }
    // A foreign repository has no outside to climb to, so ".." past its root is always a mistake.
    String path = guarded(errors, () -> PathGuard.check(at + ".path", gh.path()));
    if (errors.size() != before) {
      return null;
    }
    return new MappingSource.GitHub(owner, repo, ref, PathGuard.trimSlashes(path));
  }

  private static String required(String where, String value, List<String> errors) {
    if (value == null || value.isBlank()) {
      errors.add(where + ": missing or empty");
      return null;
    }
    return value;
  }

  /** Runs a PathGuard check, turning its refusal into an error line. */
  private static String guarded(List<String> errors, Supplier<String> check) {
    try {
      return check.get();
    } catch (InvalidSourceInput e) {
      errors.add(e.getMessage());
      return null;
    }
  }
}
