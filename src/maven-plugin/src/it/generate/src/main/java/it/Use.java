package it;

import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.Action;
import it.contracts.EosioToken;
import it.contracts.Kittest;
import java.util.List;
import java.util.Optional;

/** Main code on the classes the plugin generated into target/generated-sources/antelope. */
public final class Use {

    private Use() {
    }

    /** An item of kittest. */
    public static Kittest.Setitem item() {
        return new Kittest.Setitem(Name.from("alice"), 7, Name.from("alice"), 1.5, io.antelopekit.chain.Checksum256.hash(new byte[0], 0, 0),
                io.antelopekit.chain.UInt128.of(9), "label", List.of("a", "b"), Optional.empty(),
                new Kittest.Payload.Point3(new Kittest.Point3(1, 2, 3)), Optional.of(5L));
    }

    /** A transfer's data. */
    public static EosioToken.Transfer transfer() {
        return new EosioToken.Transfer(Name.from("alice"), Name.from("bob"), Asset.from("1.0000 EOS"), "hi");
    }

    /** The name of an action, to show the class's methods resolve. */
    static Name name(Action action) {
        return action.name();
    }
}
