package dev.atelier.ai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The local recommendation model: an in-memory Lucene index over name, tags and description, asked
 * with MoreLikeThis (TF-IDF over the product's own terms), blended with price proximity
 * (SimilarityScore). Products without enough words in common are topped up by price. Thread-safe:
 * one writer applies changes, any number of threads search. Searching is CPU work: callers run it
 * on a worker thread.
 */
final class SimilarityIndex implements AutoCloseable {
  private static final String ID = "id";
  private static final String[] TEXT_FIELDS = {"name", "tags", "description"};
  private static final FieldType TEXT = textWithTermVectors();

  private final Analyzer analyzer = new EnglishAnalyzer();
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<UUID, ProductCopy> products = new ConcurrentHashMap<>();
  private final double priceWeight;
  private final int candidates;

  SimilarityIndex(double priceWeight, int candidates) {
    this.priceWeight = priceWeight;
    this.candidates = candidates;
    try {
      writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies copies (newer versions replace, tombstones remove); returns how many changed the index. */
  int apply(List<ProductCopy> changes) {
    int changed = 0;
    try {
      for (ProductCopy p : changes) {
        ProductCopy known = products.get(p.id());
        if (p.deleted()) {
          if (known != null) {
            writer.deleteDocuments(new Term(ID, p.id().toString()));
            products.remove(p.id());
            changed++;
          }
        } else if (known == null || known.version() < p.version()) {
          writer.updateDocument(new Term(ID, p.id().toString()), document(p));
          products.put(p.id(), p);
          changed++;
        }
      }
      if (changed > 0) {
        searchers.maybeRefreshBlocking();
      }
      return changed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean contains(UUID id) {
    return products.containsKey(id);
  }

  ProductCopy product(UUID id) {
    return products.get(id);
  }

  int size() {
    return products.size();
  }

  /** Up to {@code limit} products like {@code id}, best first; empty when the index does not know it. */
  List<Similar> similar(UUID id, int limit) {
    ProductCopy query = products.get(id);
    if (query == null) {
      return List.of();
    }
    var found = new ArrayList<Similar>();
    Set<UUID> seen = new HashSet<>(List.of(id));
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs self = searcher.search(new TermQuery(new Term(ID, id.toString())), 1);
        if (self.scoreDocs.length == 1) {
          TopDocs hits = searcher.search(likeButNotItself(searcher, self.scoreDocs[0].doc, id), Math.max(limit, candidates));
          double best = hits.scoreDocs.length == 0 ? 0 : hits.scoreDocs[0].score;
          for (ScoreDoc hit : hits.scoreDocs) {
            ProductCopy p = products.get(UUID.fromString(searcher.storedFields().document(hit.doc).get(ID)));
            if (p != null && seen.add(p.id())) {
              double price = SimilarityScore.priceProximity(query.priceCents(), p.priceCents());
              found.add(new Similar(p, SimilarityScore.blend(hit.score, best, price, priceWeight)));
            }
          }
        }
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.sort(Comparator.comparingDouble(Similar::score).reversed());
    if (found.size() < limit) {
      found.addAll(nearestByPrice(query, seen, limit - found.size()));
    }
    return found.size() > limit ? List.copyOf(found.subList(0, limit)) : List.copyOf(found);
  }

  private Query likeButNotItself(IndexSearcher searcher, int doc, UUID id) throws IOException {
    var mlt = new MoreLikeThis(searcher.getIndexReader());
    mlt.setAnalyzer(analyzer);
    mlt.setFieldNames(TEXT_FIELDS);
    mlt.setMinTermFreq(1);
    mlt.setMinDocFreq(1);
    mlt.setBoost(true);
    return new BooleanQuery.Builder()
        .add(mlt.like(doc), BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(ID, id.toString())), BooleanClause.Occur.MUST_NOT)
        .build();
  }

  // a product with few words in common with the rest still gets a full answer, scored by price alone
  private List<Similar> nearestByPrice(ProductCopy query, Set<UUID> seen, int wanted) {
    return products.values().stream()
        .filter(p -> !seen.contains(p.id()))
        .map(p -> new Similar(p, SimilarityScore.round(priceWeight * SimilarityScore.priceProximity(query.priceCents(), p.priceCents()))))
        .sorted(Comparator.comparingDouble(Similar::score).reversed().thenComparing(s -> s.product().id()))
        .limit(wanted)
        .toList();
  }

  private static Document document(ProductCopy p) {
    var doc = new Document();
    doc.add(new StringField(ID, p.id().toString(), Field.Store.YES));
    doc.add(new Field("name", p.name(), TEXT));
    doc.add(new Field("tags", String.join(" ", p.tags()), TEXT));
    doc.add(new Field("description", p.description(), TEXT));
    return doc;
  }

  // MoreLikeThis reads a document's terms from its term vectors instead of analysing its text again
  private static FieldType textWithTermVectors() {
    var type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setStoreTermVectors(true);
    type.freeze();
    return type;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
