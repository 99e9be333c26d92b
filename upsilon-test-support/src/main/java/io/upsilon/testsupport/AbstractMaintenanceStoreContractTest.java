package io.upsilon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MaintenanceStore} passes, through a thin subclass that makes a fresh store (no window
 * open). Each call of {@link #store()} within a test is another node's view of the same flag.
 */
public abstract class AbstractMaintenanceStoreContractTest {

    /** A fresh flag, closed, for each test. */
    protected abstract MaintenanceStore newStore();

    /** Another node's store object on the same flag as {@link #newStore()}'s of this test. */
    protected abstract MaintenanceStore sameFlag();

    private MaintenanceStore store;

    @BeforeEach
    void setUpStore() {
        store = newStore();
    }

    @Test
    void noWindowIsOpenAtFirst() {
        assertThat(store.current()).isEmpty();
        assertThat(store.exit()).as("nothing to close").isFalse();
    }

    @Test
    void enteringOpensAWindowEveryNodeSees() {
        MaintenanceWindow window = store.enter("upgrade", "ops");
        assertThat(window.reason()).isEqualTo("upgrade");
        assertThat(window.who()).isEqualTo("ops");
        assertThat(window.since()).isNotNull();
        assertThat(window.moved()).isFalse();
        assertThat(store.current()).contains(window);
        assertThat(sameFlag().current()).contains(window);
    }

    @Test
    void enteringAnOpenWindowReturnsItUnchanged() {
        MaintenanceWindow first = store.enter("upgrade", "ops");
        MaintenanceWindow again = sameFlag().enter("other reason", "someone else");
        assertThat(again).isEqualTo(first);
        assertThat(store.current()).contains(first);
    }

    @Test
    void exitingClosesTheWindowForEveryNode() {
        store.enter("upgrade", "ops");
        assertThat(sameFlag().exit()).isTrue();
        assertThat(store.current()).isEmpty();
        assertThat(store.exit()).isFalse();
        assertThat(store.exit(false)).isFalse();
    }

    @Test
    void retiringTurnsTheOpenWindowIntoAMovedOneKeepingItsStart() {
        MaintenanceWindow open = store.enter("cut-over", "ops");
        MaintenanceWindow retired = retire("ops", "https://new.example");
        assertThat(retired.moved()).isTrue();
        assertThat(retired.reason()).isEqualTo(MaintenanceWindow.MOVED);
        assertThat(retired.location()).isEqualTo("https://new.example");
        assertThat(retired.since()).isEqualTo(open.since());
        assertThat(sameFlag().current()).contains(retired);
    }

    @Test
    void retiringWithNoWindowOpensAMovedOne() {
        MaintenanceWindow retired = retire("ops", null);
        assertThat(retired.moved()).isTrue();
        assertThat(retired.location()).isNull();
        assertThat(store.current()).contains(retired);
    }

    @Test
    void aRetiredClustersWindowClosesOnlyByForce() {
        retire("ops", "https://new.example");
        assertThatThrownBy(() -> sameFlag().exit(false)).isInstanceOfSatisfying(UpsilonException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                    assertThat(e.getMessage()).contains("https://new.example").contains("force");
                });
        assertThat(store.current()).map(MaintenanceWindow::moved).contains(true);
        assertThat(store.enter("upgrade", "ops").moved()).as("entering keeps the moved window").isTrue();
        assertThat(sameFlag().exit(true)).isTrue();
        assertThat(store.current()).isEmpty();
    }

    @Test
    void aPlainWindowClosesWithoutForce() {
        store.enter("upgrade", "ops");
        assertThat(store.exit(false)).isTrue();
        assertThat(store.current()).isEmpty();
    }

    private MaintenanceWindow retire(String who, String location) {
        try {
            return store.retire(who, location);
        } catch (UnsupportedOperationException e) {
            return Assumptions.abort("this store cannot retire a cluster");
        }
    }
}
