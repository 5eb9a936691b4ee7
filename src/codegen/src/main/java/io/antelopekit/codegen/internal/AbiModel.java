package io.antelopekit.codegen.internal;

import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.abi.AbiDefinition.FieldDef;
import io.antelopekit.abi.AbiDefinition.StructDef;
import io.antelopekit.abi.AbiDefinition.VariantDef;
import io.antelopekit.abi.AbiSerializationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An ABI resolved into what one contract class holds: records, sealed interfaces, tables and
 * actions, each with its Java names, and every clash between them found. Types resolve as the
 * node's {@code abi_serializer} does: a type alias first, then a built-in, a variant, a struct;
 * one suffix per type expression ({@code []}, {@code ?}, {@code [N]}), nesting through aliases.
 */
final class AbiModel {

    /** Members every generated contract class has, that no action or table may become. */
    private static final List<String> CONTRACT_MEMBERS = List.of("contract", "abi", "ACCOUNT", "equals", "hashCode",
            "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");
    /** Members every generated record has, that no field may become. */
    private static final List<String> RECORD_MEMBERS = List.of("encode", "decode", "toBytes");
    /** Members every generated table class has, that no index method may become. */
    private static final List<String> TABLE_MEMBERS = List.of("table", "query", "get", "all");
    /** Nested classes every generated contract class has. */
    static final String ABI_HOLDER = "AbiHolder";
    static final String CODECS = "Codecs";

    /** A table key type: the constant of {@code KeyType} and the Java type of its keys. */
    enum KeyKind {
        UINT64("UINT64", com.palantir.javapoet.ClassName.get(Long.class)),
        NAME("NAME", Types.NAME),
        UINT128("UINT128", Types.chain("UInt128")),
        CHECKSUM256("CHECKSUM256", Types.chain("Checksum256")),
        FLOAT64("FLOAT64", com.palantir.javapoet.ClassName.get(Double.class)),
        FLOAT128("FLOAT128", Types.chain("Float128"));

        final String constant;
        final com.palantir.javapoet.ClassName keyType;

        KeyKind(String constant, com.palantir.javapoet.ClassName keyType) {
            this.constant = constant;
            this.keyType = keyType;
        }

        static KeyKind of(String abiKeyType) {
            switch (abiKeyType) {
                case "uint64":
                case "i64":
                    return UINT64;
                case "name":
                    return NAME;
                case "uint128":
                case "i128":
                    return UINT128;
                case "checksum256":
                case "sha256":
                    return CHECKSUM256;
                case "float64":
                    return FLOAT64;
                case "float128":
                    return FLOAT128;
                default:
                    return null;
            }
        }
    }

    /** A secondary index: its position (2 for the first after the primary key), name and key type. */
    record IndexModel(int position, String keyName, String methodName, KeyKind kind) {
    }

    /** A table: its accessor method, its class, its row type and secondary indices. */
    record TableModel(String abiName, String methodName, String className, String rowAbiType, JType row,
            List<IndexModel> indices) {
    }

    /** An action: its method, data type, ricardian contract and, for a read-only action, its result. */
    record ActionModel(String abiName, String methodName, String dataAbiType, JType data, String ricardian,
            String readOnlyMethodName, String resultAbiType, JType result) {
    }

    final AbiDefinition definition;
    final String className;
    private final Map<String, String> typedefs = new HashMap<>();
    private final Map<String, StructDef> structDefs = new HashMap<>();
    private final Map<String, VariantDef> variantDefs = new HashMap<>();
    private final Map<String, StructModel> structs = new LinkedHashMap<>();
    private final Map<String, VariantModel> variants = new LinkedHashMap<>();
    private final Set<String> aliasChain = new LinkedHashSet<>();
    private final List<TableModel> tables = new ArrayList<>();
    private final List<ActionModel> actions = new ArrayList<>();

    private AbiModel(AbiDefinition definition, String className) {
        this.definition = definition;
        this.className = className;
        definition.types().forEach(t -> typedefs.put(t.newTypeName(), t.type()));
        definition.structs().forEach(s -> structDefs.put(s.name(), s));
        definition.variants().forEach(v -> variantDefs.put(v.name(), v));
    }

    /**
     * Resolves {@code definition} for a contract class named {@code className}.
     *
     * @throws GenerationError if the ABI is invalid, or names clash in Java
     */
    static AbiModel of(AbiDefinition definition, String className) {
        try {
            Abi.from(definition);
        } catch (AbiSerializationException e) {
            throw new GenerationError("the ABI is not valid: " + e.getMessage(), e);
        }
        AbiModel model = new AbiModel(definition, className);
        model.build();
        return model;
    }

    List<StructModel> structs() {
        List<StructModel> out = new ArrayList<>(structs.values());
        out.sort(Comparator.comparing((StructModel s) -> s.javaName).thenComparing(s -> s.abiName));
        return out;
    }

    List<VariantModel> variants() {
        List<VariantModel> out = new ArrayList<>(variants.values());
        out.sort(Comparator.comparing((VariantModel v) -> v.javaName).thenComparing(v -> v.abiName));
        return out;
    }

    List<TableModel> tables() {
        return tables;
    }

    List<ActionModel> actions() {
        return actions;
    }

    // ------------------------------------------------------------------ building

    private void build() {
        for (StructDef s : definition.structs()) {
            if (!shadowed(s.name())) {
                struct(s.name());
            }
        }
        for (VariantDef v : definition.variants()) {
            variant(v.name());
        }
        Map<String, String> results = new HashMap<>();
        definition.actionResults().forEach(r -> results.put(r.name(), r.resultType()));
        List<AbiDefinition.ActionDef> actionDefs = new ArrayList<>(definition.actions());
        actionDefs.sort(Comparator.comparing(AbiDefinition.ActionDef::name));
        for (AbiDefinition.ActionDef a : actionDefs) {
            String what = "action \"" + a.name() + "\"";
            JType data = resolve(a.type(), what);
            if (!(data instanceof JType.Struct) && !(data instanceof JType.Variant)) {
                throw new GenerationError(what + " has data type " + a.type() + ", which is not a struct or a variant");
            }
            String method = java(() -> JavaNames.memberName(a.name()), what);
            String resultType = results.get(a.name());
            JType result = resultType == null || resultType.isEmpty() ? null : resolve(resultType, what + " result");
            actions.add(new ActionModel(a.name(), method, a.type(), data, a.ricardianContract(),
                    result == null ? null : method + "ReadOnly", resultType, result));
        }
        List<AbiDefinition.TableDef> tableDefs = new ArrayList<>(definition.tables());
        tableDefs.sort(Comparator.comparing(AbiDefinition.TableDef::name));
        for (AbiDefinition.TableDef t : tableDefs) {
            tables.add(table(t));
        }
        checkNestedTypes();
        checkContractMembers();
    }

    private TableModel table(AbiDefinition.TableDef t) {
        String what = "table \"" + t.name() + "\"";
        JType row = resolve(t.type(), what);
        if (t.keyNames().size() != t.keyTypes().size()) {
            throw new GenerationError(what + " has " + t.keyNames().size() + " key_names but " + t.keyTypes().size()
                    + " key_types");
        }
        List<IndexModel> indices = new ArrayList<>();
        Map<String, String> methods = new LinkedHashMap<>();
        TABLE_MEMBERS.forEach(m -> methods.put(m, "the generated method " + m + "()"));
        for (int i = 1; i < t.keyNames().size(); i++) {
            String keyName = t.keyNames().get(i);
            String keyType = t.keyTypes().get(i);
            KeyKind kind = KeyKind.of(keyType);
            if (kind == null) {
                throw new GenerationError(what + " has index \"" + keyName + "\" of key type \"" + keyType
                        + "\", which the generator does not know (known: uint64, i64, name, uint128, i128, checksum256, sha256,"
                        + " float64, float128)");
            }
            String method = java(() -> JavaNames.prefixed("by", keyName), what + " index \"" + keyName + "\"");
            claim(methods, method, "index \"" + keyName + "\" of " + what, "method " + method + "()");
            indices.add(new IndexModel(i + 1, keyName, method, kind));
        }
        String method = java(() -> JavaNames.memberName(t.name()), what);
        String cls = java(() -> JavaNames.className(t.name()), what) + "Table";
        return new TableModel(t.name(), method, cls, t.type(), row, List.copyOf(indices));
    }

    private void checkNestedTypes() {
        Map<String, String> nested = new LinkedHashMap<>();
        nested.put(className, "the contract class " + className);
        nested.put(ABI_HOLDER, "the generated class " + ABI_HOLDER);
        nested.put(CODECS, "the generated class " + CODECS);
        for (StructModel s : structs()) {
            claim(nested, s.javaName, "struct \"" + s.abiName + "\"", "class " + s.javaName);
        }
        for (VariantModel v : variants()) {
            claim(nested, v.javaName, "variant \"" + v.abiName + "\"", "interface " + v.javaName);
        }
        for (TableModel t : tables) {
            claim(nested, t.className(), "table \"" + t.abiName() + "\"", "class " + t.className());
        }
        for (VariantModel v : variants()) {
            Map<String, String> alternatives = new LinkedHashMap<>();
            alternatives.put(className, "the contract class " + className);
            alternatives.put(v.javaName, "variant \"" + v.abiName + "\" itself");
            for (VariantModel.Alternative a : v.alternatives()) {
                claim(alternatives, a.javaName(), "type \"" + a.abiType() + "\" of variant \"" + v.abiName + "\"",
                        "class " + v.javaName + "." + a.javaName());
            }
        }
    }

    private void checkContractMembers() {
        Map<String, String> members = new LinkedHashMap<>();
        CONTRACT_MEMBERS.forEach(m -> members.put(m, "the generated member " + m));
        for (ActionModel a : actions) {
            claim(members, a.methodName(), "action \"" + a.abiName() + "\"", "method " + a.methodName() + "()");
            if (a.readOnlyMethodName() != null) {
                claim(members, a.readOnlyMethodName(), "the read-only form of action \"" + a.abiName() + "\"",
                        "method " + a.readOnlyMethodName() + "()");
            }
        }
        for (TableModel t : tables) {
            // a table may share its name with an action (eosio's limitauthchg): the accessors overload the action's methods
            boolean sameAction = actions.stream().anyMatch(a -> a.abiName().equals(t.abiName()) && a.methodName().equals(t.methodName()));
            if (!sameAction) {
                claim(members, t.methodName(), "table \"" + t.abiName() + "\"", "method " + t.methodName() + "()");
            }
        }
    }

    /** Takes {@code javaName} for {@code owner}, or fails naming whoever has it already. */
    private static void claim(Map<String, String> taken, String javaName, String owner, String becomes) {
        String other = taken.putIfAbsent(javaName, owner);
        if (other != null) {
            throw new GenerationError("name clash: " + other + " and " + owner + " both become " + becomes
                    + " in Java; rename one of them in the ABI");
        }
    }

    private static String java(Supplier<String> name, String what) {
        try {
            return name.get();
        } catch (IllegalArgumentException e) {
            throw new GenerationError(what + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ types

    /** Whether a built-in, alias or variant of the same name hides this struct (the node looks those up first). */
    private boolean shadowed(String name) {
        return Builtin.of(name) != null || typedefs.containsKey(name) || variantDefs.containsKey(name);
    }

    private boolean isName(String name) {
        return typedefs.containsKey(name) || Builtin.of(name) != null || variantDefs.containsKey(name)
                || structDefs.containsKey(name);
    }

    /** Resolves a type expression; {@code usedBy} says where it appears, for messages. */
    JType resolve(String type, String usedBy) {
        if (isName(type)) {
            return plain(type, usedBy);
        }
        if (type.endsWith("[]")) {
            JType item = plain(type.substring(0, type.length() - 2), usedBy);
            if (item instanceof JType.Struct s) {
                JType map = pairMap(s.struct());
                if (map != null) {
                    return map;
                }
            }
            return new JType.Seq(item);
        }
        if (type.endsWith("?")) {
            return new JType.Opt(plain(type.substring(0, type.length() - 1), usedBy));
        }
        int open = type.lastIndexOf('[');
        if (open > 0 && type.endsWith("]")) {
            long n = Long.parseLong(type.substring(open + 1, type.length() - 1));
            if (n > Integer.MAX_VALUE) {
                throw new GenerationError(usedBy + " has fixed-size array type " + type + ", too large for a Java list");
            }
            return new JType.Fixed(plain(type.substring(0, open), usedBy), (int) n);
        }
        throw new GenerationError("unknown type " + type + " (used by " + usedBy + ")");
    }

    private JType plain(String name, String usedBy) {
        String target = typedefs.get(name);
        if (target != null) {
            if (!aliasChain.add(name)) {
                throw new GenerationError("circular type alias " + String.join(" → ", aliasChain) + " → " + name);
            }
            try {
                return resolve(target, "type alias " + name);
            } finally {
                aliasChain.remove(name);
            }
        }
        Builtin b = Builtin.of(name);
        if (b != null) {
            return new JType.Simple(b);
        }
        if (variantDefs.containsKey(name)) {
            return new JType.Variant(variant(name));
        }
        if (structDefs.containsKey(name)) {
            return new JType.Struct(struct(name));
        }
        throw new GenerationError("unknown type " + name + " (used by " + usedBy + ")");
    }

    /** {@code Map<A, B>} for a struct {@code pair_<a>_<b>} of exactly {@code first, second} or {@code key, value}. */
    private JType pairMap(StructModel s) {
        StructDef def = structDefs.get(s.abiName);
        if (!s.abiName.startsWith("pair_") || !def.base().isEmpty() || def.fields().size() != 2) {
            return null;
        }
        FieldDef k = def.fields().get(0);
        FieldDef v = def.fields().get(1);
        boolean names = (k.name().equals("first") && v.name().equals("second"))
                || (k.name().equals("key") && v.name().equals("value"));
        if (!names || k.type().endsWith("$") || v.type().endsWith("$")) {
            return null;
        }
        return new JType.MapOf(resolve(k.type(), "struct " + s.abiName), resolve(v.type(), "struct " + s.abiName));
    }

    private StructModel struct(String name) {
        StructModel existing = structs.get(name);
        if (existing != null) {
            return existing;
        }
        String what = "struct \"" + name + "\"";
        StructModel model = new StructModel(name, java(() -> JavaNames.className(name), what));
        structs.put(name, model);
        List<StructModel.Field> fields = new ArrayList<>();
        collectFields(structDefs.get(name), fields);
        Map<String, String> names = new LinkedHashMap<>();
        RECORD_MEMBERS.forEach(m -> names.put(m, "the generated method " + m + "()"));
        String extension = null;
        for (StructModel.Field f : fields) {
            claim(names, f.javaName(), "field \"" + f.abiName() + "\" of " + what, "record component " + f.javaName());
            if (f.extension()) {
                extension = f.abiName();
            } else if (extension != null) {
                throw new GenerationError(what + ": field \"" + f.abiName() + "\" follows binary extension field \""
                        + extension + "\"; binary extensions ($) may only come last");
            }
        }
        model.fields(fields);
        return model;
    }

    private void collectFields(StructDef def, List<StructModel.Field> into) {
        if (!def.base().isEmpty()) {
            String base = def.base();
            Set<String> seen = new LinkedHashSet<>();
            while (typedefs.containsKey(base) && seen.add(base)) {
                base = typedefs.get(base);
            }
            collectFields(structDefs.get(base), into);
        }
        String what = "struct \"" + def.name() + "\"";
        for (FieldDef f : def.fields()) {
            boolean ext = f.type().endsWith("$");
            String type = ext ? f.type().substring(0, f.type().length() - 1) : f.type();
            String javaName = java(() -> JavaNames.componentName(f.name()), what + " field \"" + f.name() + "\"");
            into.add(new StructModel.Field(f.name(), javaName, f.type(), resolve(type, what + " field " + f.name()), ext));
        }
    }

    private VariantModel variant(String name) {
        VariantModel existing = variants.get(name);
        if (existing != null) {
            return existing;
        }
        String what = "variant \"" + name + "\"";
        VariantModel model = new VariantModel(name, java(() -> JavaNames.className(name), what));
        variants.put(name, model);
        List<VariantModel.Alternative> alternatives = new ArrayList<>();
        for (String type : variantDefs.get(name).types()) {
            String javaName = java(() -> alternativeName(type), what + " type \"" + type + "\"");
            alternatives.add(new VariantModel.Alternative(type, javaName, resolve(type, what)));
        }
        model.alternatives(alternatives);
        return model;
    }

    /** {@code uint64} → {@code Uint64}, {@code name[]} → {@code NameList}, {@code string?} → {@code OptionalString}, {@code uint8[4]} → {@code Uint8Array4}. */
    static String alternativeName(String type) {
        if (type.endsWith("[]")) {
            return JavaNames.className(type.substring(0, type.length() - 2)) + "List";
        }
        if (type.endsWith("?")) {
            return "Optional" + JavaNames.className(type.substring(0, type.length() - 1));
        }
        int open = type.lastIndexOf('[');
        if (open > 0 && type.endsWith("]")) {
            return JavaNames.className(type.substring(0, open)) + "Array" + type.substring(open + 1, type.length() - 1);
        }
        return JavaNames.className(type);
    }
}
