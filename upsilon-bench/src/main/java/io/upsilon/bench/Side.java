package io.upsilon.bench;

import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * One side of the comparison: its start-up code and one no-op check. The cold, warm and profile modes run both
 * sides the same way, so the only differences measured are the sides' own.
 *
 * @param <T> what the start-up code builds (an {@code Upsilon} or a {@code Flyway})
 */
interface Side<T> {

    /** The application's start-up code, marking its phases on {@code timer}. */
    T create(DataSource ds, Path input, Child timer);

    /** One no-op check on a built instance; fails the run if it did anything. */
    void check(T built);

    /** Applies every pending task, migration or changeset on a built instance; how many it ran. */
    int apply(T built);

    /**
     * {@code apply-SIDE PORT DB INPUT}: applies everything on an empty database in this fresh JVM, timed from
     * creating the data source to the end of the call, as a new cluster's first node (or a test database) does.
     */
    static <T> void apply(Side<T> side, String[] args) {
        Child timer = new Child();
        long t0 = System.nanoTime();
        timer.start();
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        T built = side.create(ds, Path.of(args[2]), timer);
        int applied = side.apply(built);
        timer.mark("apply_call");
        timer.add("total", System.nanoTime() - t0);
        timer.add("applied", applied);
        timer.print();
    }

    /** {@code cold-SIDE PORT DB INPUT}: one start-up check in this fresh JVM. */
    static <T> void cold(Side<T> side, String[] args) {
        Child timer = new Child();
        long t0 = System.nanoTime();
        timer.start();
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        T built = side.create(ds, Path.of(args[2]), timer);
        side.check(built);
        timer.mark("check_call");
        timer.add("total", System.nanoTime() - t0);
        timer.print();
    }

    /**
     * {@code warm-SIDE PORT DB INPUT WARMUP CALLS}: in one JVM, a check on one instance built once ("reuse") and the
     * whole start-up code per call ("full"), alternating, after {@code WARMUP} unmeasured rounds.
     */
    static <T> void warm(Side<T> side, String[] args) {
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        Path input = Path.of(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int calls = Integer.parseInt(args[4]);
        Child ignored = new Child();
        T built = side.create(ds, input, ignored);
        Child.warmLoop(warmup, calls, () -> side.check(built), () -> side.check(side.create(ds, input, ignored)));
    }

    /**
     * {@code profile-SIDE PORT DB INPUT}: where a cold start-up's time goes. Loads the JDBC driver and opens a
     * connection first, so that the later phases show the side's own cost; not comparable with the cold mode.
     */
    static <T> void profile(Side<T> side, String[] args) throws Exception {
        Child timer = new Child(true);
        timer.start();
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        }
        timer.mark("jdbc_first_connection");
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        }
        timer.mark("jdbc_second_connection");
        T built = side.create(ds, Path.of(args[2]), timer);
        side.check(built);
        timer.mark("first_check_call");
        timer.start();
        side.check(built);
        timer.mark("second_check_call");
        timer.print();
    }
}
