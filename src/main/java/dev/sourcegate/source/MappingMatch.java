package dev.sourcegate.source;

/** A mapping that matched, with its score: the length of its longest matching prefix. */
public record MappingMatch(Mapping mapping, int score) {}
