package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's process pictures are drawn from the models as they are now (see {@link ProcessPictures} to redraw them). */
class ProcessPicturesTest {

    @Test
    void everyPictureShowsItsModelsCurrentLayout() throws Exception {
        for (String model : ProcessPictures.MODELS) {
            Path picture = ProcessPictures.svgOf(Path.of(model));
            assertThat(ProcessPictures.read(picture))
                    .as(picture + " is out of date: java src/test/java/org/ersreferral/process/ProcessPictures.java")
                    .isEqualTo(ProcessPictures.render(Path.of(model)));
        }
    }
}
