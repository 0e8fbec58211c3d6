# The spiral launcher (generate, simulate, pipeline, verify, ...) and the pipeline's job jar for a Flink cluster.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY store/pom.xml store/
COPY catalog/pom.xml catalog/
COPY pipeline/pom.xml pipeline/
COPY query-api/pom.xml query-api/
COPY launcher/pom.xml launcher/
COPY sql sql
COPY store/src store/src
COPY catalog/src catalog/src
COPY pipeline/src pipeline/src
COPY query-api/src query-api/src
COPY launcher/src launcher/src
RUN mvn -q -B -DskipTests install \
 && mvn -q -B -pl launcher dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp launcher/target/spiral-launcher-*.jar /app/lib/ \
 && mvn -q -B -pl pipeline package -Pcluster -DskipTests \
 && cp pipeline/target/spiral-pipeline-job.jar /app/

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /app /app
ENV SPIRAL_JAVA_OPTS="-Xmx2g"
ENTRYPOINT ["sh", "-c", "exec java $SPIRAL_JAVA_OPTS -cp '/app/lib/*' com.digitalspiral.launcher.SpiralCommand \"$@\"", "spiral"]
CMD ["--help"]
