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
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.NumericDocValues;
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
  private static final String SLOT = "slot";
  private static final int MAX_RANKINGS = 100_000;
  private static final String[] TEXT_FIELDS = {"name", "tags", "description"};
  private static final FieldType TEXT = TextField.TYPE_NOT_STORED;

  private final Analyzer analyzer = new EnglishAnalyzer();
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<UUID, ProductCopy> products = new ConcurrentHashMap<>();
  private final Map<UUID, Integer> slots = new ConcurrentHashMap<>();
  private final Map<Integer, UUID> bySlot = new ConcurrentHashMap<>();
  private final AtomicInteger nextSlot = new AtomicInteger();
  // the local ranking only changes when the catalog does, and most reads ask about the same products
  private final Map<String, List<Similar>> rankings = new ConcurrentHashMap<>();
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
            Integer slot = slots.remove(p.id());
            if (slot != null) {
              bySlot.remove(slot);
            }
            changed++;
          }
        } else if (known == null || known.version() < p.version()) {
          int slot = slots.computeIfAbsent(p.id(), id -> nextSlot.getAndIncrement());
          bySlot.put(slot, p.id());
          writer.updateDocument(new Term(ID, p.id().toString()), document(p, slot));
          products.put(p.id(), p);
          changed++;
        }
      }
      if (changed > 0) {
        searchers.maybeRefreshBlocking();
        // any change can move any ranking: forget them all (after the refresh, so none is recomputed stale)
        rankings.clear();
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
    String key = id + "/" + limit;
    List<Similar> known = rankings.get(key);
    if (known != null) {
      return known;
    }
    List<Similar> ranked = rank(id, limit);
    if (rankings.size() >= MAX_RANKINGS) {
      rankings.clear();  // a crude bound; a catalog this large at this rate of reads wants a real cache
    }
    rankings.put(key, ranked);
    return ranked;
  }

  /** A ranking computed since the last change, or null: cheap enough for an event loop. */
  List<Similar> remembered(UUID id, int limit) {
    return rankings.get(id + "/" + limit);
  }

  private List<Similar> rank(UUID id, int limit) {
    ProductCopy query = products.get(id);
    if (query == null) {
      return List.of();
    }
    var found = new ArrayList<Similar>();
    Set<UUID> seen = new HashSet<>(List.of(id));
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs hits = searcher.search(likeButNotItself(searcher, query), Math.max(limit, candidates));
        double best = hits.scoreDocs.length == 0 ? 0 : hits.scoreDocs[0].score;
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (ScoreDoc hit : hits.scoreDocs) {
          ProductCopy p = productAt(leaves, hit.doc);
          if (p != null && seen.add(p.id())) {
            double price = SimilarityScore.priceProximity(query.priceCents(), p.priceCents());
            found.add(new Similar(p, SimilarityScore.blend(hit.score, best, price, priceWeight)));
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

  // a product's slot from numeric doc values, its copy from the map: an id kept as a stored field or
  // as sorted doc values costs a block decompression per hit
  private ProductCopy productAt(List<LeafReaderContext> leaves, int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    NumericDocValues slotOf = leaf.reader().getNumericDocValues(SLOT);
    if (slotOf == null || !slotOf.advanceExact(doc - leaf.docBase)) {
      return null;
    }
    UUID id = bySlot.get((int) slotOf.longValue());
    return id == null ? null : products.get(id);
  }

  // the product's own text, analysed again, rather than its term vectors: reading those decompresses
  // a chunk per query, slower than analysing a name and a description (with the two changes here: 0.9 -> 0.6 ms)
  private Query likeButNotItself(IndexSearcher searcher, ProductCopy p) throws IOException {
    var mlt = new MoreLikeThis(searcher.getIndexReader());
    mlt.setAnalyzer(analyzer);
    mlt.setFieldNames(TEXT_FIELDS);
    mlt.setMinTermFreq(1);
    mlt.setMinDocFreq(1);
    mlt.setBoost(true);
    // a word most products share says little and matches nearly every document, which is most of
    // the cost of a query (2,000 varied products: 1.6 -> 0.9 ms a query); small catalogs keep every word
    if (searcher.getIndexReader().numDocs() >= 200) {
      mlt.setMaxDocFreqPct(20);
    }
    return new BooleanQuery.Builder()
        .add(mlt.like(Map.of("name", List.of(p.name()), "tags", List.of(String.join(" ", p.tags())),
            "description", List.of(p.description()))), BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(ID, p.id().toString())), BooleanClause.Occur.MUST_NOT)
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

  private static Document document(ProductCopy p, int slot) {
    var doc = new Document();
    doc.add(new StringField(ID, p.id().toString(), Field.Store.NO));
    doc.add(new NumericDocValuesField(SLOT, slot));
    doc.add(new Field("name", p.name(), TEXT));
    doc.add(new Field("tags", String.join(" ", p.tags()), TEXT));
    doc.add(new Field("description", p.description(), TEXT));
    return doc;
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
