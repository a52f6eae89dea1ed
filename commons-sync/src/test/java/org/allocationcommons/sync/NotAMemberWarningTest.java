package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.sync.envelope.Identity;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, "loud mistakes": a node built without founder(), joinWith(..) or
 * awaitInvitationFrom(..) never publishes, so it says so at build time and again, once, when its
 * inputs are set (the moment the user expects them to go out), naming the builder methods.
 */
class NotAMemberWarningTest {

  private final TestCommons commons = new TestCommons();
  private final Identity alice = TestCommons.identity(1);
  private final Identity bob = TestCommons.identity(2);

  @Test
  void settingInputsOnANodeThatIsNotAMemberWarnsOnceNamingTheWayToJoin() {
    try (CapturedLog log = CapturedLog.start()) {
      CommonsNode lost = commons.builder(alice).build();
      assertThat(log.text()).contains("WARN").contains("not a member and waiting for no invitation");
      lost.start();
      String atBuild = log.text();

      commons.await(lost.setCapacity(List.of(AvailabilitySlot.of("bread", "bread", 10))));
      String atInput = log.text().substring(atBuild.length());
      assertThat(atInput)
          .contains("WARN")
          .contains("inputs set on a node that is not a member")
          .contains("nothing is published")
          .contains("founder()", "joinWith(invitation)", "awaitInvitationFrom(sponsor)");

      commons.await(lost.setRecognition(Map.of(bob.pubKey(), 1.0)));
      assertThat(log.text().substring(atBuild.length())).as("warned once, not at every input").isEqualTo(atInput);
      lost.close();
    }
  }

  @Test
  void membersAndNodesAwaitingAnInvitationDoNotWarn() {
    try (CapturedLog log = CapturedLog.start()) {
      CommonsNode founder = commons.founder(alice);
      commons.await(founder.setCapacity(List.of(AvailabilitySlot.of("bread", "bread", 10))));
      CommonsNode waiting = commons.builder(bob).awaitInvitationFrom(alice.pubKey()).build();
      waiting.start();
      commons.await(waiting.setNeeds(List.of(NeedSlot.of("bob-bread", "bread", 6))));
      assertThat(log.text()).doesNotContain("not a member");
      waiting.close();
      founder.close();
    }
  }
}
