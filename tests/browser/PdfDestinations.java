// Reads every link, outline entry and named destination of the PDFs it
// is given with PDFBox (Debian's libpdfbox2-java), as a PDF reader built
// on it would, and prints one line a file: links, destinations, failures.
// Exits 1 when any destination cannot be read.
import java.io.File;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDestinationDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

public class PdfDestinations {
  static int failures = 0;

  /** A reading that PDFBox may refuse. */
  interface Reading {
    void run() throws java.io.IOException;
  }

  static void read(String file, String what, Reading reading) {
    try {
      reading.run();
    } catch (java.io.IOException | RuntimeException e) {
      failures++;
      System.out.println(file + ": " + what + ": " + e.getMessage());
    }
  }

  /** Where an action leads, when it leads into the document. */
  static void goTo(PDAction action) throws java.io.IOException {
    if (action instanceof PDActionGoTo) ((PDActionGoTo) action).getDestination();
  }

  static void outline(String file, Iterable<PDOutlineItem> items) {
    for (PDOutlineItem item : items) {
      read(file, "outline entry", () -> {
        item.getDestination();
        goTo(item.getAction());
      });
      outline(file, item.children());
    }
  }

  public static void main(String[] files) throws Exception {
    for (String file : files) {
      int links = 0;
      try (PDDocument doc = PDDocument.load(new File(file))) {
        for (PDPage page : doc.getPages()) {
          for (PDAnnotation annotation : page.getAnnotations()) {
            if (!(annotation instanceof PDAnnotationLink)) continue;
            links++;
            PDAnnotationLink link = (PDAnnotationLink) annotation;
            read(file, "link", () -> {
              link.getDestination();
              goTo(link.getAction());
            });
          }
        }
        PDDocumentOutline bookmarks = doc.getDocumentCatalog().getDocumentOutline();
        if (bookmarks != null) outline(file, bookmarks.children());
        PDDocumentNameDestinationDictionary dests = doc.getDocumentCatalog().getDests();
        if (dests != null) {
          for (org.apache.pdfbox.cos.COSName name : dests.getCOSObject().keySet()) {
            read(file, "named destination", () -> dests.getDestination(name.getName()));
          }
        }
      }
      System.out.println(file + ": " + links + " links");
    }
    System.out.println(failures + " failures");
    System.exit(failures == 0 ? 0 : 1);
  }
}
