package io.antelopekit.esr;

import io.antelopekit.abi.Abi;

/** The ABIs of the {@code identity} action of the empty account, versions 2 and 3. */
final class IdentityAbi {

    private static final String PERMISSION_LEVEL = "{\"name\":\"permission_level\",\"base\":\"\",\"fields\":["
            + "{\"name\":\"actor\",\"type\":\"name\"},{\"name\":\"permission\",\"type\":\"name\"}]}";

    static final Abi V2 = Abi.fromJson("{\"version\":\"eosio::abi/1.1\",\"structs\":[" + PERMISSION_LEVEL
            + ",{\"name\":\"identity\",\"base\":\"\",\"fields\":[{\"name\":\"permission\",\"type\":\"permission_level?\"}]}],"
            + "\"actions\":[{\"name\":\"identity\",\"type\":\"identity\",\"ricardian_contract\":\"\"}]}");

    static final Abi V3 = Abi.fromJson("{\"version\":\"eosio::abi/1.1\",\"structs\":[" + PERMISSION_LEVEL
            + ",{\"name\":\"identity\",\"base\":\"\",\"fields\":[{\"name\":\"scope\",\"type\":\"name\"},"
            + "{\"name\":\"permission\",\"type\":\"permission_level?\"}]}],"
            + "\"actions\":[{\"name\":\"identity\",\"type\":\"identity\",\"ricardian_contract\":\"\"}]}");

    private IdentityAbi() {
    }

    static Abi of(int version) {
        return version == 2 ? V2 : V3;
    }
}
