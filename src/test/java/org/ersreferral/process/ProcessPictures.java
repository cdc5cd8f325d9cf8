package org.ersreferral.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Draws the README's process pictures ({@code bpmn/*.svg}) from the models' diagram layout, so the
 * pictures show what Modeler and Cockpit show: business steps, e-RS steps (thick-bordered call
 * activities), gateways as questions, and flow labels on their first segment. Plain JDK, no
 * browser. After changing a model's layout, regenerate them:
 * {@code java src/test/java/org/ersreferral/process/ProcessPictures.java}; {@code ProcessPicturesTest}
 * fails while a picture is out of date.
 */
public final class ProcessPictures {

    static final List<String> MODELS = List.of("bpmn/ers-referral.bpmn", "bpmn/ers-step.bpmn", "bpmn/ers-referral-follow-up.bpmn");

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static final String DI = "http://www.omg.org/spec/DD/20100524/DI";
    /** Characters per line of a task's name, and of an event's or gateway's label. */
    private static final int TASK_LINE = 16;
    private static final int LABEL_LINE = 22;
    private static final double LINE_HEIGHT = 13;

    private ProcessPictures() {
    }

    public static void main(String[] args) throws Exception {
        for (String model : args.length > 0 ? List.of(args) : MODELS) {
            Files.writeString(svgOf(Path.of(model)), render(Path.of(model)), StandardCharsets.UTF_8);
        }
    }

    static Path svgOf(Path model) {
        return model.resolveSibling(model.getFileName().toString().replace(".bpmn", ".svg"));
    }

    private record Box(double x, double y, double w, double h) {
        double cx() {
            return x + w / 2;
        }

        double cy() {
            return y + h / 2;
        }
    }

    static String render(Path model) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(model.toFile());
        Map<String, Element> elements = new HashMap<>();
        NodeList all = document.getElementsByTagNameNS(BPMN, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.hasAttribute("id")) {
                elements.put(element.getAttribute("id"), element);
            }
        }
        List<Element> shapes = children(document, BPMNDI, "BPMNShape");
        List<Element> edges = children(document, BPMNDI, "BPMNEdge");

        double width = 0;
        double height = 0;
        for (Element shape : shapes) {
            Box box = bounds(shape);
            width = Math.max(width, box.x() + box.w());
            height = Math.max(height, box.y() + box.h() + 40);
        }
        for (Element edge : edges) {
            for (double[] point : waypoints(edge)) {
                width = Math.max(width, point[0]);
                height = Math.max(height, point[1] + 10);
            }
        }
        width += 70;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
                .append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" font-family=\"Arial, sans-serif\" font-size=\"11\">\n");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (Element shape : shapes) {
            Element element = elements.get(shape.getAttribute("bpmnElement"));
            if ("subProcess".equals(element.getLocalName())) {
                Box box = bounds(shape);
                svg.append("<rect x=\"").append(n(box.x())).append("\" y=\"").append(n(box.y())).append("\" width=\"")
                        .append(n(box.w())).append("\" height=\"").append(n(box.h()))
                        .append("\" rx=\"10\" fill=\"#fafafa\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n");
                svg.append("<text x=\"").append(n(box.x() + 8)).append("\" y=\"").append(n(box.y() + 16))
                        .append("\" font-weight=\"bold\">").append(escape(element.getAttribute("name"))).append("</text>\n");
            }
        }
        for (Element edge : edges) {
            List<double[]> points = waypoints(edge);
            svg.append("<polyline points=\"");
            for (int i = 0; i < points.size(); i++) {
                svg.append(i == 0 ? "" : " ").append(n(points.get(i)[0])).append(',').append(n(points.get(i)[1]));
            }
            svg.append("\" fill=\"none\" stroke=\"#333\" marker-end=\"url(#arrow)\"/>\n");
            String name = elements.get(edge.getAttribute("bpmnElement")).getAttribute("name");
            if (!name.isEmpty()) {
                double[] a = points.get(0);
                double[] b = points.get(1);
                if (a[1] == b[1]) {
                    svg.append("<text x=\"").append(n((a[0] + b[0]) / 2)).append("\" y=\"").append(n(a[1] - 5))
                            .append("\" text-anchor=\"middle\" fill=\"#444\" font-size=\"10\">");
                } else {
                    svg.append("<text x=\"").append(n(a[0] + 5)).append("\" y=\"").append(n((a[1] + b[1]) / 2 + 4))
                            .append("\" fill=\"#444\" font-size=\"10\">");
                }
                svg.append(escape(name)).append("</text>\n");
            }
        }
        for (Element shape : shapes) {
            Element element = elements.get(shape.getAttribute("bpmnElement"));
            if (!"subProcess".equals(element.getLocalName())) {
                shape(svg, element, shape);
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void shape(StringBuilder svg, Element element, Element shape) {
        Box box = bounds(shape);
        String type = element.getLocalName();
        String name = element.getAttribute("name");
        switch (type) {
            case "userTask", "serviceTask", "callActivity" -> {
                boolean call = "callActivity".equals(type);
                svg.append("<rect x=\"").append(n(box.x())).append("\" y=\"").append(n(box.y())).append("\" width=\"")
                        .append(n(box.w())).append("\" height=\"").append(n(box.h())).append("\" rx=\"10\" fill=\"")
                        .append(call ? "#eef4fb" : "#fff").append("\" stroke=\"#333\" stroke-width=\"")
                        .append(call ? "3" : "1.5").append("\"/>\n");
                lines(svg, wrap(name, TASK_LINE), box.cx(), box.cy() + 4, "middle");
                svg.append('\n');
                if (call) {
                    double bottom = box.y() + box.h();
                    svg.append("<rect x=\"").append(n(box.cx() - 7)).append("\" y=\"").append(n(bottom - 16))
                            .append("\" width=\"14\" height=\"14\" fill=\"none\" stroke=\"#333\"/><text x=\"")
                            .append(n(box.cx())).append("\" y=\"").append(n(bottom - 5)).append("\" text-anchor=\"middle\">+</text>\n");
                    if (first(element, "multiInstanceLoopCharacteristics") != null) {
                        svg.append("<text x=\"").append(n(box.cx() + 14)).append("\" y=\"").append(n(bottom - 5))
                                .append("\">≡</text>\n");
                    }
                } else {
                    svg.append("<text x=\"").append(n(box.x() + 6)).append("\" y=\"").append(n(box.y() + 14))
                            .append("\" font-size=\"10\" fill=\"#555\">").append("userTask".equals(type) ? "user" : "service")
                            .append("</text>\n");
                }
            }
            case "exclusiveGateway" -> {
                svg.append("<polygon points=\"").append(n(box.cx())).append(',').append(n(box.y())).append(' ')
                        .append(n(box.x() + box.w())).append(',').append(n(box.cy())).append(' ').append(n(box.cx())).append(',')
                        .append(n(box.y() + box.h())).append(' ').append(n(box.x())).append(',').append(n(box.cy()))
                        .append("\" fill=\"#fff\" stroke=\"#333\" stroke-width=\"1.5\"/>\n");
                label(svg, name, shape, false, box);
            }
            default -> {
                boolean end = "endEvent".equals(type);
                boolean interrupting = !"false".equals(element.getAttribute("cancelActivity"))
                        && !"false".equals(element.getAttribute("isInterrupting"));
                String dashes = interrupting ? "" : " stroke-dasharray=\"3 2\"";
                svg.append("<circle cx=\"").append(n(box.cx())).append("\" cy=\"").append(n(box.cy()))
                        .append("\" r=\"18\" fill=\"#fff\" stroke=\"#333\" stroke-width=\"").append(end ? "4" : "1.5").append('"')
                        .append(dashes).append("/>\n");
                if ("boundaryEvent".equals(type) || "intermediateThrowEvent".equals(type)
                        || "intermediateCatchEvent".equals(type)) {
                    svg.append("<circle cx=\"").append(n(box.cx())).append("\" cy=\"").append(n(box.cy()))
                            .append("\" r=\"14\" fill=\"none\" stroke=\"#333\"").append(dashes).append("/>\n");
                }
                if (first(element, "timerEventDefinition") != null) {
                    // A clock face: no common font has a clock glyph.
                    svg.append("<circle cx=\"").append(n(box.cx())).append("\" cy=\"").append(n(box.cy()))
                            .append("\" r=\"9\" fill=\"none\" stroke=\"#333\"/><polyline points=\"").append(n(box.cx())).append(',')
                            .append(n(box.cy() - 6)).append(' ').append(n(box.cx())).append(',').append(n(box.cy())).append(' ')
                            .append(n(box.cx() + 4)).append(',').append(n(box.cy())).append("\" fill=\"none\" stroke=\"#333\"/>\n");
                }
                String marker = first(element, "errorEventDefinition") != null ? "⚡"
                        : first(element, "messageEventDefinition") != null ? "✉" : null;
                if (marker != null) {
                    svg.append("<text x=\"").append(n(box.cx())).append("\" y=\"").append(n(box.cy() + 4))
                            .append("\" text-anchor=\"middle\" font-size=\"12\">").append(marker).append("</text>\n");
                }
                label(svg, name, shape, "boundaryEvent".equals(type), box);
            }
        }
    }

    /** Below the element, or where the layout puts its label; a boundary event's beside it, towards the label. */
    private static void label(StringBuilder svg, String name, Element shape, boolean beside, Box box) {
        if (name.isEmpty()) {
            return;
        }
        Element labelBounds = first(shape, "BPMNLabel") == null ? null : first(first(shape, "BPMNLabel"), "Bounds");
        Box label = labelBounds == null ? new Box(box.cx() - 45, box.y() + box.h() + 4, 90, 27) : box(labelBounds);
        List<String> lines = wrap(name, LABEL_LINE);
        if (beside) {
            boolean left = label.x() < box.x();
            lines(svg, lines, left ? label.x() + label.w() : label.x(), label.y() + 10, left ? "end" : "start");
        } else {
            lines(svg, lines, label.cx(), label.y() + 10, "middle");
        }
        svg.append('\n');
    }

    private static void lines(StringBuilder svg, List<String> lines, double x, double centre, String anchor) {
        for (int i = 0; i < lines.size(); i++) {
            double y = centre + (i - (lines.size() - 1) / 2.0) * LINE_HEIGHT;
            svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                    .append("\">").append(escape(lines.get(i))).append("</text>");
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<Element> children(Document document, String namespace, String name) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static Element first(Element parent, String localName) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static Box bounds(Element shape) {
        return box(first(shape, "Bounds"));
    }

    private static Box box(Element bounds) {
        return new Box(d(bounds, "x"), d(bounds, "y"), d(bounds, "width"), d(bounds, "height"));
    }

    private static List<double[]> waypoints(Element edge) {
        List<double[]> points = new ArrayList<>();
        for (Node child = edge.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && "waypoint".equals(element.getLocalName()) && DI.equals(element.getNamespaceURI())) {
                points.add(new double[] {d(element, "x"), d(element, "y")});
            }
        }
        return points;
    }

    private static double d(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    /** 120 for whole numbers, 117.5 otherwise. */
    private static String n(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
