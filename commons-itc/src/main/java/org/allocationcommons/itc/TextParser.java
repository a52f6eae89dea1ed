package org.allocationcommons.itc;

import org.allocationcommons.itc.Stamp.Event;
import org.allocationcommons.itc.Stamp.Id;

/**
 * Parser for the paper's notation, the inverse of {@link Stamp#toString()}:
 *
 * <pre>
 * stamp := '(' id ',' event ')'
 * id    := '0' | '1' | '(' id ',' id ')'
 * event := n | '(' n ',' event ',' event ')'      n := decimal digits, at most Long.MAX_VALUE
 * </pre>
 *
 * Spaces, tabs and line breaks are allowed between tokens. Trees are normalised after parsing;
 * nesting deeper than {@link Stamp#MAX_DEPTH} is rejected before it can exhaust the stack, and
 * parsing stops as soon as the text has more nodes (leaves included) than the node limit.
 */
final class TextParser {

  private final String text;
  private final int maxNodes;
  private int pos;
  private int nodes;

  private TextParser(String text, int maxNodes) {
    this.text = text;
    this.maxNodes = maxNodes;
  }

  static Stamp parse(String text, int maxNodes) {
    TextParser p = new TextParser(text, maxNodes);
    p.expect('(', "'(' opening the stamp");
    Id id = p.id(0);
    p.expect(',', "',' between id and event");
    Event event = p.event(0);
    p.expect(')', "')' closing the stamp");
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error("end of input after the stamp");
    }
    try {
      return Stamp.of(id, event, maxNodes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot parse ITC stamp: " + e.getMessage(), e);
    }
  }

  private Id id(int depth) {
    skipSpace();
    countNode();
    if (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '0' || c == '1') {
        pos++;
        return c == '1' ? Id.ONE : Id.ZERO;
      }
      if (c == '(') {
        checkDepth(depth, "id");
        pos++;
        Id left = id(depth + 1);
        expect(',', "',' between the halves of an id node");
        Id right = id(depth + 1);
        expect(')', "')' closing an id node");
        return new Id.Node(left, right);
      }
    }
    throw error("an id: '0', '1' or '('");
  }

  private Event event(int depth) {
    skipSpace();
    countNode();
    if (pos < text.length() && text.charAt(pos) == '(') {
      checkDepth(depth, "event");
      pos++;
      long n = number("the counter of an event node");
      expect(',', "',' after the counter of an event node");
      Event left = event(depth + 1);
      expect(',', "',' between the children of an event node");
      Event right = event(depth + 1);
      expect(')', "')' closing an event node");
      return new Event.Node(n, left, right);
    }
    return Event.leaf(number("an event: a counter or '('"));
  }

  private long number(String expected) {
    skipSpace();
    int start = pos;
    long value = 0;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      int digit = text.charAt(pos) - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        throw new IllegalArgumentException(
            "cannot parse ITC stamp: at position " + start + " the counter exceeds Long.MAX_VALUE");
      }
      value = value * 10 + digit;
      pos++;
    }
    if (pos == start) {
      throw error(expected);
    }
    return value;
  }

  private void countNode() {
    if (++nodes > maxNodes) {
      throw new IllegalArgumentException(
          "cannot parse ITC stamp: at position " + pos + " the stamp has more than " + maxNodes
              + " nodes (the node limit; the default is Stamp.DEFAULT_MAX_NODES = "
              + Stamp.DEFAULT_MAX_NODES + ")");
    }
  }

  private void checkDepth(int depth, String tree) {
    if (depth >= Stamp.MAX_DEPTH) {
      throw new IllegalArgumentException(
          "cannot parse ITC stamp: at position " + pos + " the " + tree
              + " tree is nested deeper than Stamp.MAX_DEPTH = " + Stamp.MAX_DEPTH);
    }
  }

  private void expect(char c, String expected) {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return;
    }
    throw error(expected);
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String expected) {
    String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of input";
    return new IllegalArgumentException(
        "cannot parse ITC stamp: at position " + pos + " expected " + expected + " but found "
            + found);
  }
}
