package io.antelopekit.example.webapp;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a QR code the way a phone's camera does: from the pixels the browser rendered (a
 * screenshot of the element), decoded by ZXing; not from the page's markup.
 */
final class PageQr {

    private PageQr() {
    }

    /**
     * The text of the QR code {@code element} shows.
     *
     * @throws AssertionError when the rendered image holds no readable QR code
     */
    static String decode(WebElement element) throws IOException {
        byte[] png = element.getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new AssertionError("the screenshot of " + element + " is not an image");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        RGBLuminanceSource source = new RGBLuminanceSource(w, h, pixels);
        // a module is 5 to 6 screen pixels (a 300 px box): try the exact grid first, then the
        // general detectors with both binarizers
        List<ReaderException> failures = new ArrayList<>();
        for (Map<DecodeHintType, Object> hints : List.<Map<DecodeHintType, Object>>of(
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))) {
            for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                    new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
                try {
                    return new QRCodeReader().decode(bitmap, hints).getText();
                } catch (ReaderException e) {
                    failures.add(e);
                }
            }
        }
        throw new AssertionError("no QR code could be read from the " + w + "x" + h + " image the page shows: "
                + failures, failures.get(0));
    }
}
