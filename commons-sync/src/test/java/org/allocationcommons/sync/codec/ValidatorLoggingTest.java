package org.allocationcommons.sync.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 11: Hibernate Validator logs through JBoss Logging, which fell back to java.util.logging
 * (printing {@code INFO: HV000001} on stderr whatever SLF4J binding the application chose).
 * commons-sync registers JBoss Logging's SLF4J provider, so the validator's lines go where the
 * application's logging goes.
 */
class ValidatorLoggingTest {

  @Test
  void theValidatorLogsThroughSlf4j() {
    Codec.defaults().validate(new Object());
    assertThat(org.jboss.logging.Logger.getLogger("org.hibernate.validator").getClass().getName())
        .startsWith("org.jboss.logging.Slf4j");
  }
}
