package dev.sourcegate.source;

/**
 * A file that was found: its bytes and its page (the html_url GitHub gave, or the exact URL fetched for a
 * host that is not GitHub).
 */
public record SourceFile(byte[] content, String url) {}
