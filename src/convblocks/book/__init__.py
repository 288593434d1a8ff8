"""Helpers only the book's pages use: source listings, folded answers, glued words, timing."""
