package io.antelopekit.abi;

import io.antelopekit.abi.AbiDefinition.FieldDef;
import io.antelopekit.abi.AbiDefinition.StructDef;
import io.antelopekit.abi.AbiDefinition.TypeDef;
import io.antelopekit.abi.AbiDefinition.VariantDef;
import io.antelopekit.abi.ContainerCodecs.ArrayCodec;
import io.antelopekit.abi.ContainerCodecs.FixedArrayCodec;
import io.antelopekit.abi.ContainerCodecs.OptionalCodec;
import io.antelopekit.abi.ContainerCodecs.UnsupportedCodec;
import io.antelopekit.abi.ContainerCodecs.VariantCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves every type name of an ABI once into a tree of {@link Codec}s, following the node's
 * {@code abi_serializer}: a name is looked up as a type alias first, then as a built-in, a
 * variant, a struct; a type expression carries at most one suffix ({@code []}, {@code ?}, or
 * {@code [N]} from ABI 1.3), and an alias is how types nest ({@code string?[]} is unknown, an
 * alias of {@code string?} used as {@code alias[]} is not). Struct fields may end in {@code $}.
 *
 * <p>Not thread-safe: used while constructing an {@link Abi}, then only under its lock.
 */
final class AbiCompiler {

    private final String version;
    private final boolean fixedArrays;
    private final Map<String, String> typedefs = new HashMap<>();
    private final Map<String, StructDef> structs = new HashMap<>();
    private final Map<String, VariantDef> variants = new HashMap<>();
    private final Map<String, Codec> codecs = new HashMap<>();
    private final LinkedHashSet<String> aliasChain = new LinkedHashSet<>();

    AbiCompiler(AbiDefinition def) {
        this.version = def.version();
        if (!version.startsWith("eosio::abi/1.")) {
            throw new AbiSerializationException("unsupported ABI version \"" + version + "\": expected eosio::abi/1.x");
        }
        this.fixedArrays = minorVersion(version) >= 3;
        for (StructDef s : def.structs()) {
            if (structs.putIfAbsent(s.name(), s) != null) {
                throw new AbiSerializationException("duplicate struct definition " + s.name());
            }
        }
        for (TypeDef t : def.types()) {
            if (Builtins.get(t.newTypeName()) != null || structs.containsKey(t.newTypeName())) {
                throw new AbiSerializationException("type alias " + t.newTypeName() + " → " + t.type()
                        + ": a type named " + t.newTypeName() + " already exists");
            }
            if (typedefs.putIfAbsent(t.newTypeName(), t.type()) != null) {
                throw new AbiSerializationException("duplicate type alias definition " + t.newTypeName());
            }
        }
        for (VariantDef v : def.variants()) {
            if (variants.putIfAbsent(v.name(), v) != null) {
                throw new AbiSerializationException("duplicate variant definition " + v.name());
            }
        }
        compileAll(def);
    }

    private static int minorVersion(String version) {
        String rest = version.substring("eosio::abi/1.".length());
        int end = 0;
        while (end < rest.length() && end < 6 && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(rest.substring(0, end));
    }

    String version() {
        return version;
    }

    private void compileAll(AbiDefinition def) {
        // 1. one codec object per struct, so fields can refer to any struct (and to themselves)
        Map<String, StructCodec> structCodecs = new HashMap<>();
        for (StructDef s : def.structs()) {
            if (shadowed(s.name())) {
                continue;
            }
            StructCodec sc = new StructCodec(s.name());
            structCodecs.put(s.name(), sc);
            codecs.put(s.name(), sc);
        }
        // 2. base chains must end, at structs
        for (StructDef s : def.structs()) {
            baseChain(s);
        }
        // 3. each struct's own fields
        Map<String, List<StructCodec.Field>> own = new HashMap<>();
        for (StructDef s : def.structs()) {
            List<StructCodec.Field> fields = new ArrayList<>(s.fields().size());
            for (FieldDef f : s.fields()) {
                String usedBy = "struct " + s.name() + " field " + f.name();
                String type = f.type().endsWith("$") ? f.type().substring(0, f.type().length() - 1) : f.type();
                fields.add(new StructCodec.Field(f.name(), f.type(), resolve(type, usedBy), false));
            }
            own.put(s.name(), fields);
        }
        // 4. flatten bases into every struct codec
        Map<String, List<StructCodec.Field>> flat = new HashMap<>();
        for (StructDef s : def.structs()) {
            StructCodec sc = structCodecs.get(s.name());
            if (sc != null) {
                sc.link(flatten(s, own, flat), !s.base().isEmpty());
            }
        }
        // 5. everything else the ABI names
        for (VariantDef v : def.variants()) {
            plain(v.name(), "variant " + v.name());
        }
        for (TypeDef t : def.types()) {
            plain(t.newTypeName(), "type alias " + t.newTypeName());
        }
        for (AbiDefinition.ActionDef a : def.actions()) {
            resolve(a.type(), "action " + a.name());
        }
        for (AbiDefinition.TableDef t : def.tables()) {
            resolve(t.type(), "table " + t.name());
        }
        for (AbiDefinition.ActionResultDef r : def.actionResults()) {
            resolve(r.resultType(), "action result " + r.name());
        }
        for (StructCodec sc : structCodecs.values()) {
            sc.minSize();
        }
    }

    /** A struct whose name a built-in, alias or variant takes first, as in the node's lookup order. */
    private boolean shadowed(String name) {
        return Builtins.get(name) != null || typedefs.containsKey(name) || variants.containsKey(name);
    }

    private void baseChain(StructDef s) {
        List<String> seen = new ArrayList<>();
        seen.add(s.name());
        StructDef current = s;
        while (!current.base().isEmpty()) {
            String baseName = aliasTarget(current.base(), "base of struct " + current.name());
            StructDef base = structs.get(baseName);
            if (base == null || shadowed(baseName)) {
                throw new AbiSerializationException("base " + current.base() + " of struct " + current.name() + " is not a struct");
            }
            if (seen.contains(base.name())) {
                seen.add(base.name());
                throw new AbiSerializationException("circular base in struct " + s.name() + ": " + String.join(" → ", seen));
            }
            seen.add(base.name());
            current = base;
        }
    }

    private String aliasTarget(String name, String usedBy) {
        String t = name;
        Set<String> seen = new LinkedHashSet<>();
        while (typedefs.containsKey(t)) {
            if (!seen.add(t)) {
                throw new AbiSerializationException("circular type alias " + String.join(" → ", seen) + " → " + t + " (" + usedBy + ")");
            }
            t = typedefs.get(t);
        }
        return t;
    }

    private List<StructCodec.Field> flatten(StructDef s, Map<String, List<StructCodec.Field>> own,
            Map<String, List<StructCodec.Field>> flat) {
        List<StructCodec.Field> done = flat.get(s.name());
        if (done != null) {
            return done;
        }
        List<StructCodec.Field> all = new ArrayList<>();
        if (!s.base().isEmpty()) {
            StructDef base = structs.get(aliasTarget(s.base(), "base of struct " + s.name()));
            for (StructCodec.Field f : flatten(base, own, flat)) {
                all.add(f.fromBase ? f : f.asBase());
            }
        }
        all.addAll(own.get(s.name()));
        flat.put(s.name(), all);
        return all;
    }

    /** Resolves a type expression; {@code usedBy} says where it appears, for the error message. */
    Codec resolve(String type, String usedBy) {
        Codec c = codecs.get(type);
        if (c != null) {
            return c;
        }
        if (isName(type)) {
            return plain(type, usedBy);
        }
        if (type.endsWith("[]")) {
            c = new ArrayCodec(type, element(type.substring(0, type.length() - 2), type, usedBy));
        } else if (type.endsWith("?")) {
            c = new OptionalCodec(type, element(type.substring(0, type.length() - 1), type, usedBy));
        } else {
            c = fixedArray(type, usedBy);
        }
        codecs.put(type, c);
        return c;
    }

    private Codec fixedArray(String type, String usedBy) {
        int open = type.lastIndexOf('[');
        if (open <= 0 || !type.endsWith("]")) {
            throw unknown(type, usedBy);
        }
        String digits = type.substring(open + 1, type.length() - 1);
        Codec element = element(type.substring(0, open), type, usedBy);
        boolean wellFormed = !digits.isEmpty() && digits.length() <= 10 && digits.chars().allMatch(Character::isDigit)
                && digits.charAt(0) != '0';
        long n = wellFormed ? Long.parseLong(digits) : -1;
        if (!wellFormed || n > 0xFFFF_FFFFL) {
            throw new AbiSerializationException("invalid fixed-size array type " + type + " (used by " + usedBy
                    + "): the size must be a decimal number from 1 to 4294967295 without leading zeros");
        }
        if (!fixedArrays) {
            return new UnsupportedCodec(type, "fixed-size array type " + type + " needs ABI version eosio::abi/1.3, this ABI is "
                    + version);
        }
        if (n > Codec.MAX_ARRAY_ITEMS) {
            return new UnsupportedCodec(type, "fixed-size array type " + type + " has more than " + Codec.MAX_ARRAY_ITEMS + " items");
        }
        return new FixedArrayCodec(type, element, (int) n);
    }

    private Codec element(String inner, String whole, String usedBy) {
        if (!isName(inner)) {
            throw new AbiSerializationException("unknown type " + inner + " in " + whole + " (used by " + usedBy
                    + "): a type takes one suffix ([], ?, [N]); nest through a type alias");
        }
        return plain(inner, usedBy);
    }

    /** Whether {@code name} is declared or built in (exactly, no suffix parsing). */
    private boolean isName(String name) {
        return typedefs.containsKey(name) || Builtins.get(name) != null || variants.containsKey(name)
                || structs.containsKey(name);
    }

    private Codec plain(String name, String usedBy) {
        Codec c = codecs.get(name);
        if (c != null) {
            return c;
        }
        String target = typedefs.get(name);
        if (target != null) {
            if (!aliasChain.add(name)) {
                throw new AbiSerializationException("circular type alias " + String.join(" → ", aliasChain) + " → " + name
                        + " (used by " + usedBy + ")");
            }
            try {
                c = resolve(target, "type alias " + name);
            } finally {
                aliasChain.remove(name);
            }
            codecs.put(name, c);
            return c;
        }
        c = Builtins.get(name);
        if (c != null) {
            codecs.put(name, c);
            return c;
        }
        VariantDef v = variants.get(name);
        if (v != null) {
            VariantCodec vc = new VariantCodec(name);
            codecs.put(name, vc);
            String[] names = v.types().toArray(new String[0]);
            Codec[] alternatives = new Codec[names.length];
            for (int i = 0; i < names.length; i++) {
                alternatives[i] = resolve(names[i], "variant " + name);
            }
            vc.link(names, alternatives);
            return vc;
        }
        throw unknown(name, usedBy);
    }

    private static AbiSerializationException unknown(String type, String usedBy) {
        return new AbiSerializationException("unknown type " + (type.isEmpty() ? "\"\"" : type)
                + (usedBy == null ? "" : " (used by " + usedBy + ")"));
    }
}
