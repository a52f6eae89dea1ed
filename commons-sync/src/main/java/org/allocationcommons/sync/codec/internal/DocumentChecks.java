package org.allocationcommons.sync.codec.internal;

import java.util.Map;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.document.Retirement;
import org.allocationcommons.sync.internal.Membership;

/**
 * The constraints of the sync layer's own documents: {@link RecognitionWeights}, {@link
 * Invitation}, {@link Retirement} and the stored {@link Membership}.
 */
final class DocumentChecks {

  private DocumentChecks() {}

  static void recognitionWeights(Out out, RecognitionWeights w) {
    out.notBlank("", "pubKey", w.pubKey());
    out.unitMap("", "weights", w.weights());
    out.notNull("", "itcStamp", w.itcStamp());
    out.positive("", "timestamp", w.timestamp());
  }

  static void invitation(Out out, Invitation i) {
    out.notBlank("", "sponsor", i.sponsor());
    out.notBlank("", "newcomer", i.newcomer());
    out.notNull("", "itcStamp", i.itcStamp());
    out.positive("", "timestamp", i.timestamp());
  }

  static void retirement(Out out, Retirement r) {
    out.notBlank("", "pubKey", r.pubKey());
    out.notBlank("", "sponsor", r.sponsor());
    out.notNull("", "itcStamp", r.itcStamp());
    out.positive("", "timestamp", r.timestamp());
  }

  static void membership(Out out, Membership m) {
    out.notBlank("", "pubKey", m.pubKey());
    out.notNull("", "itcStamp", m.itcStamp());
    out.noBlankElements("", "invited", m.invited());
    out.noBlankElements("", "absorbed", m.absorbed());
    for (Map.Entry<String, ?> e : m.granted().entrySet()) {
      out.notNull(Out.valueField("granted", e.getKey()), "", e.getValue());
    }
  }
}
