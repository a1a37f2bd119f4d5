package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SharedAsksTest {

    private final SharedAsks<String, String> asks = new SharedAsks<>();
    private final List<CompletableFuture<String>> asked = new ArrayList<>();

    private CompletableFuture<String> ask(String key) {
        return asks.ask(key, k -> {
            CompletableFuture<String> question = new CompletableFuture<>();
            asked.add(question);
            return question;
        });
    }

    @Test
    void askersWhileAQuestionIsOutShareItsAnswer() {
        CompletableFuture<String> first = ask("cache-news");
        CompletableFuture<String> second = ask("cache-news");
        CompletableFuture<String> other = ask("cache-sport");

        assertThat(asked).as("one question per key").hasSize(2);
        asked.get(0).complete("breaking");

        assertThat(first.join()).isEqualTo("breaking");
        assertThat(second.join()).isEqualTo("breaking");
        assertThat(other).isNotDone();
        assertThat(asks.inFlight()).isEqualTo(1);
    }

    @Test
    void aKeyIsAskedAnewOnceItsQuestionWasAnswered() {
        ask("cache-news");
        asked.get(0).complete(null);

        CompletableFuture<String> later = ask("cache-news");

        assertThat(asked).hasSize(2);
        assertThat(later).isNotDone();
    }

    @Test
    void aFailedQuestionFailsEveryAskerAndFreesTheKey() {
        CompletableFuture<String> first = ask("cache-news");
        CompletableFuture<String> second = ask("cache-news");
        asked.get(0).completeExceptionally(new IllegalStateException("backbone down"));

        assertThatThrownBy(first::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("backbone down");
        assertThatThrownBy(second::join).isInstanceOf(CompletionException.class);
        assertThat(asks.inFlight()).isZero();
    }

    @Test
    void aQuestionThatThrowsWhenAskedFailsItsAskerAndFreesTheKey() {
        CompletableFuture<String> failed = asks.ask("cache-news", k -> {
            throw new IllegalStateException("not connected");
        });

        assertThat(failed).isCompletedExceptionally();
        assertThat(asks.inFlight()).isZero();
    }

    @Test
    void theKeyIsFreeBeforeTheAskersAreTold() {
        CompletableFuture<String> first = ask("cache-news");
        List<Integer> inFlightWhenTold = new ArrayList<>();
        first.thenRun(() -> inFlightWhenTold.add(asks.inFlight()));

        asked.get(0).complete("breaking");

        assertThat(inFlightWhenTold).containsExactly(0);
    }
}
