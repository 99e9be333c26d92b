package io.upsilon;

import io.upsilon.spi.ScriptTaskFactory;
import java.util.ServiceLoader;

/** The {@link ScriptTaskFactory} that makes the manifest's SQL script tasks, looked up once, on first use. */
final class ScriptTasks {

    private ScriptTasks() {
    }

    /**
     * The task of a SQL script entry, by the factory on the class path.
     *
     * @throws UpsilonException {@link ErrorCode#INVALID_MANIFEST} when the script does not check, or when no module
     *                          on the class path runs SQL scripts
     */
    static UpgradeTask create(String name, String script, String undoScript) {
        ScriptTaskFactory factory = Holder.FACTORY;
        if (factory == null) {
            throw new UpsilonException(ErrorCode.INVALID_MANIFEST, "SQL script '" + Texts.quote(name) + "' cannot"
                    + " run: no module on the class path runs SQL scripts; add the backend module of the database"
                    + " the scripts are written for (upsilon-postgres for PostgreSQL)");
        }
        return factory.create(name, script, undoScript);
    }

    /** Loaded with the first script, so a manifest of Java tasks never looks. */
    private static final class Holder {
        static final ScriptTaskFactory FACTORY = ServiceLoader.load(ScriptTaskFactory.class,
                ScriptTaskFactory.class.getClassLoader()).findFirst().orElse(null);
    }
}
