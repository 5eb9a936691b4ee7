package it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.antelopekit.chain.BinaryReader;
import it.contracts.Kittest;
import it.testcontracts.EosioToken;
import org.junit.jupiter.api.Test;

class UseTest {

    @Test
    void generatedMainAndTestClassesEncodeAsTheAbiDoes() {
        Kittest.Setitem item = Use.item();
        byte[] bytes = item.toBytes();
        assertEquals(item, Kittest.Setitem.decode(new BinaryReader(bytes)));

        // the test-sources copy of eosio.token is another class with the same binary form
        EosioToken.Transfer t = new EosioToken.Transfer(Use.transfer().from(), Use.transfer().to(), Use.transfer().quantity(), "hi");
        assertArrayEquals(Use.transfer().toBytes(), t.toBytes());
        assertArrayEquals(EosioToken.abi().encode("transfer", t), t.toBytes());
    }
}
