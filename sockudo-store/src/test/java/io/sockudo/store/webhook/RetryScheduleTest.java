package io.sockudo.store.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final RetrySchedule SOCKUDO_DEFAULTS = new RetrySchedule(WebhookSettings.Retry.defaults());

    @Test
    void waitsDoubleFromOneSecondUpToOneMinute() {
        assertThat(SOCKUDO_DEFAULTS.delayMillis(1, 0, -1)).isEqualTo(1_000);
        assertThat(SOCKUDO_DEFAULTS.delayMillis(2, 1_000, -1)).isEqualTo(2_000);
        assertThat(SOCKUDO_DEFAULTS.delayMillis(3, 3_000, -1)).isEqualTo(4_000);
        assertThat(SOCKUDO_DEFAULTS.delayMillis(7, 63_000, -1)).isEqualTo(60_000);
        assertThat(SOCKUDO_DEFAULTS.delayMillis(1_000, 100_000, -1)).isEqualTo(60_000);
    }

    @Test
    void givesUpWhenTheNextAttemptWouldStartAfterFiveMinutes() {
        assertThat(SOCKUDO_DEFAULTS.delayMillis(9, 240_000, -1)).isEqualTo(60_000);
        assertThat(SOCKUDO_DEFAULTS.delayMillis(9, 240_001, -1)).isEqualTo(RetrySchedule.GIVE_UP);
    }

    @Test
    void givesUpAfterTheMaximumNumberOfAttempts() {
        RetrySchedule three = new RetrySchedule(new WebhookSettings.Retry(true, 3, Duration.ofMinutes(5),
                Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThat(three.delayMillis(2, 0, -1)).isEqualTo(2_000);
        assertThat(three.delayMillis(3, 0, -1)).isEqualTo(RetrySchedule.GIVE_UP);
    }

    @Test
    void neverRetriesWhenDisabled() {
        assertThat(new RetrySchedule(WebhookSettings.Retry.disabled()).delayMillis(1, 0, -1))
                .isEqualTo(RetrySchedule.GIVE_UP);
    }

    @Test
    void aLongerRetryAfterIsHonouredUpToTheLongestWait() {
        assertThat(SOCKUDO_DEFAULTS.delayMillis(1, 0, 30_000)).isEqualTo(30_000);
        assertThat(SOCKUDO_DEFAULTS.delayMillis(1, 0, 3_600_000)).isEqualTo(60_000);
        assertThat(SOCKUDO_DEFAULTS.delayMillis(3, 0, 500)).isEqualTo(4_000);
    }

    @Test
    void retryAfterIsReadInSecondsAndDatesAreIgnored() {
        assertThat(RetrySchedule.retryAfterMillis("120")).isEqualTo(120_000);
        assertThat(RetrySchedule.retryAfterMillis(" 5 ")).isEqualTo(5_000);
        assertThat(RetrySchedule.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(-1);
        assertThat(RetrySchedule.retryAfterMillis("-3")).isEqualTo(-1);
        assertThat(RetrySchedule.retryAfterMillis("99999999999999999999")).isEqualTo(-1);
        assertThat(RetrySchedule.retryAfterMillis(null)).isEqualTo(-1);
    }

    @Test
    void timeoutsConflictsTooEarlyTooManyAndServerErrorsAreWorthRepeating() {
        assertThat(List.of(408, 409, 425, 429, 500, 502, 503, 504, 599))
                .allMatch(RetrySchedule::isRetryable);
        assertThat(List.of(301, 400, 401, 403, 404, 405, 410, 413, 422))
                .noneMatch(RetrySchedule::isRetryable);
        assertThat(List.of(200, 201, 202, 204)).allMatch(RetrySchedule::isSuccess);
    }
}
