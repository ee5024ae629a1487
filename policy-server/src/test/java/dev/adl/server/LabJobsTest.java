package dev.adl.server;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How long finished lab jobs are kept: the last 50, each for 24 hours at most. */
class LabJobsTest {
    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private static LabJobs.Job runToEnd(LabJobs jobs, String id) throws InterruptedException {
        jobs.reserve();
        LabJobs.Job job = jobs.start(id, "stress", Caller.ANONYMOUS, 1, Json.object(), j -> new LabJobs.Output("{}", ""));
        for (int i = 0; i < 2000 && !job.status.finished(); i++) Thread.sleep(5);
        assertThat(job.status).isEqualTo(LabJobs.Status.DONE);
        return job;
    }

    @Test
    void aFinishedJobIsForgottenAfter24Hours() throws Exception {
        MovingClock clock = new MovingClock();
        try (LabJobs jobs = new LabJobs(clock)) {
            runToEnd(jobs, "old");
            clock.now.set(clock.now.get().plus(Duration.ofHours(12)));
            runToEnd(jobs, "young");
            clock.now.set(clock.now.get().plus(Duration.ofHours(12)));
            // exactly 24 hours after it finished: still kept
            assertThat(jobs.require("old").id).isEqualTo("old");
            clock.now.set(clock.now.get().plusSeconds(1));
            assertThatThrownBy(() -> jobs.require("old")).isInstanceOf(ApiException.class)
                    .hasMessage("no lab job `old`");
            assertThat(jobs.require("young").id).isEqualTo("young");
        }
    }

    @Test
    void onlyTheLast50FinishedAreKeptAndEveryPlaceComesBack() throws Exception {
        try (LabJobs jobs = new LabJobs(new MovingClock())) {
            for (int i = 1; i <= LabJobs.KEPT + 1; i++) runToEnd(jobs, "job-" + i);
            assertThatThrownBy(() -> jobs.require("job-1")).isInstanceOf(ApiException.class);
            assertThat(jobs.require("job-2").status).isEqualTo(LabJobs.Status.DONE);
            assertThat(jobs.require("job-51").status).isEqualTo(LabJobs.Status.DONE);
            // 51 jobs came and went: all six places are free
            for (int i = 0; i < LabJobs.RUNNING + LabJobs.WAITING; i++) jobs.reserve();
            assertThatThrownBy(jobs::reserve).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(429));
        }
    }

    @Test
    void theListIsNewestAskedForFirstEvenInOneInstantAndLeavesOutTheForgotten() throws Exception {
        // the clock never moves: every job is created in the same instant, so only the order asked tells them apart
        try (LabJobs jobs = new LabJobs(new MovingClock())) {
            for (int i = 1; i <= LabJobs.KEPT + 2; i++) runToEnd(jobs, "job-" + i);
            List<String> ids = jobs.list().stream().map(j -> j.id).toList();
            assertThat(ids).hasSize(LabJobs.KEPT);
            assertThat(ids.get(0)).isEqualTo("job-52");
            assertThat(ids.get(LabJobs.KEPT - 1)).isEqualTo("job-3");
            for (int i = 1; i < ids.size(); i++) {
                assertThat(Integer.parseInt(ids.get(i - 1).substring(4))).isEqualTo(Integer.parseInt(ids.get(i).substring(4)) + 1);
            }
        }
    }
}
