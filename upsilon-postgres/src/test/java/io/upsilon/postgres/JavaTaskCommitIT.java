package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.TaskContext;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A transactional Java task that commits or rolls back through the JDBC API cannot end the task's transaction, so
 * "its work was rolled back" stays true (issue 13, item 1).
 */
class JavaTaskCommitIT {

    @Test
    void aTransactionalJavaTaskCannotCommitOnItsOwn() {
        TestDatabase db = PostgresFixture.newDatabase();
        assertThatThrownBy(() -> Nodes.node(db, "n", Tasks.manifest(Tasks.of("1.0", "committer", new BaseUpgradeTask() {
            @Override
            public void execute(TaskContext context) throws Exception {
                Tasks.run(context, "CREATE TABLE committed_early (id int)");
                context.connection().commit();
                Tasks.run(context, "SELECT 1/0");
            }
        }))).upgrade()).hasMessageContaining("must not end its own transaction").hasMessageContaining("rolled back");
        assertThat(db.queryOne("SELECT to_regclass('committed_early')")).isNull();
    }
}
