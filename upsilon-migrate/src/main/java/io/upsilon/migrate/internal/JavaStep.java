package io.upsilon.migrate.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.EntityTransformer;
import io.upsilon.migrate.Row;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** {@code java: com.acme.MyTransformer}: an {@link EntityTransformer} applied to every main row. */
record JavaStep(String entity, EntityTransformer transformer) implements TransformStep {

    static JavaStep load(String entity, String className, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!EntityTransformer.class.isAssignableFrom(type)) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "entity " + entity + ": class " + className
                        + " is not an " + EntityTransformer.class.getName() + "; implement that interface");
            }
            return new JavaStep(entity, (EntityTransformer) type.getConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "entity " + entity + ": unknown transformer class "
                    + className + "; fix the name or put its jar on the class path (--classpath)");
        } catch (ReflectiveOperationException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "entity " + entity + ": cannot create transformer "
                    + className + ": " + e + "; give it a public no-argument constructor");
        }
    }

    @Override
    public Set<String> check(Set<String> fields) {
        return transformer.fieldsAfter(fields);
    }

    @Override
    public void apply(List<Output> batch) {
        for (Iterator<Output> it = batch.iterator(); it.hasNext(); ) {
            Output o = it.next();
            if (o.main()) {
                Row result = transformer.transform(o.row());
                if (result == null) {
                    it.remove();
                } else if (result != o.row()) {
                    o.row().fields().keySet().stream().toList().forEach(o.row()::remove);
                    result.fields().forEach(o.row()::put);
                }
            }
        }
    }
}
